namespace GanWatch.Streaming.Processing;

/// <summary>What to do with a point whose timestamp is earlier than (or equal to) its series' last point.</summary>
public enum OrderingPolicy
{
    /// <summary>Send the record to the dead-letter topic and leave the window unchanged.</summary>
    DeadLetter,

    /// <summary>Append the point to the window in arrival order, as if it were the newest point.</summary>
    Accept,
}
