namespace GanWatch.Streaming.DeadLetters;

/// <summary>Names of the headers added to every dead-letter record. Values are UTF-8 text.</summary>
public static class DeadLetterHeaders
{
    /// <summary>Stable reason code, for example <c>invalid_json</c>.</summary>
    public const string Reason = "ganwatch-reason";

    /// <summary>Human-readable message naming the offending value.</summary>
    public const string Error = "ganwatch-error";

    /// <summary>Topic the original record was read from.</summary>
    public const string SourceTopic = "ganwatch-source-topic";

    /// <summary>Partition of the original record, in decimal.</summary>
    public const string SourcePartition = "ganwatch-source-partition";

    /// <summary>Offset of the original record, in decimal.</summary>
    public const string SourceOffset = "ganwatch-source-offset";

    /// <summary>The event schema field at fault, only on events rejected for one field.</summary>
    public const string Field = "ganwatch-field";
}
