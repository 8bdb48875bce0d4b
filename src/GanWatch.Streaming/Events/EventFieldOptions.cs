namespace GanWatch.Streaming.Events;

/// <summary>One field of <see cref="EventSchemaOptions"/>.</summary>
/// <remarks>
/// The same document trains event models with <c>ganwatch train --schema</c>, where <c>Scaling</c> (<c>Standard</c> or
/// <c>MinMax</c>) and <c>MaxCategories</c> also apply; the daemon ignores those two because the model stores what training fitted.
/// </remarks>
public sealed class EventFieldOptions
{
    /// <summary>The JSON property name in the event. Required.</summary>
    public string Name { get; set; } = "";

    /// <summary>How the field is read. Default <see cref="EventFieldKind.Numeric"/>.</summary>
    public EventFieldKind Kind { get; set; } = EventFieldKind.Numeric;
}
