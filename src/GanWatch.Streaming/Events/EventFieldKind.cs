namespace GanWatch.Streaming.Events;

/// <summary>How a field of an input event is read.</summary>
public enum EventFieldKind
{
    /// <summary>A JSON number, a feature of the model.</summary>
    Numeric,

    /// <summary>A JSON string, number or boolean taken as text, a feature of the model.</summary>
    Categorical,

    /// <summary>Any JSON value, copied unchanged into alerts; optional in the event.</summary>
    PassThrough,
}
