namespace GanWatch.Engine.Persistence;

/// <summary>A description of the data a model was trained on, stored in model.json.</summary>
public sealed class TrainingDataSummary
{
    /// <summary>Number of training windows.</summary>
    public int WindowCount { get; set; }

    /// <summary>Number of rows (time steps) the windows were cut from, when the caller knows it.</summary>
    public long? Rows { get; set; }

    /// <summary>Where the data came from, for example a file name or a Kafka topic.</summary>
    public string? SourceName { get; set; }

    /// <summary>Timestamp of the first training row, when known.</summary>
    public DateTimeOffset? FirstTimestamp { get; set; }

    /// <summary>Timestamp of the last training row, when known.</summary>
    public DateTimeOffset? LastTimestamp { get; set; }

    /// <summary>Returns a copy.</summary>
    public TrainingDataSummary Clone() => (TrainingDataSummary)MemberwiseClone();
}
