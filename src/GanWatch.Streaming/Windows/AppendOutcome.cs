namespace GanWatch.Streaming.Windows;

/// <summary>What <see cref="SeriesWindow.Append"/> did with a point.</summary>
public enum AppendOutcome
{
    /// <summary>Stored; the window is not full yet.</summary>
    WarmUp,

    /// <summary>Stored; the window now holds a full window ending at this point.</summary>
    Complete,

    /// <summary>Not stored: the timestamp is earlier than the last point's and the policy rejects it.</summary>
    RejectedOutOfOrder,

    /// <summary>Not stored: the timestamp equals the last point's and the policy rejects it.</summary>
    RejectedDuplicate,
}
