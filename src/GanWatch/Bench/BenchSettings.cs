namespace GanWatch.Bench;

/// <summary>Settings of one <c>ganwatch bench</c> invocation.</summary>
internal sealed class BenchSettings
{
    /// <summary>
    /// Estimated bytes one record takes in a mock partition: a 10-byte key, a JSON value of about 55 bytes and the
    /// record and batch overhead. NOTE: an estimate; the ceiling consumer's record count shows whether records were lost.
    /// </summary>
    public const int EstimatedRecordBytes = 100;

    /// <summary>Bytes a mock partition may hold before the bench refuses to run: below librdkafka's mock retention of about 5 MiB.</summary>
    public const long MaxPartitionBytes = 4L * 1024 * 1024;

    /// <summary>Upper bound of input partitions; with fewer series, one partition per series.</summary>
    public const int MaxPartitions = 32;

    /// <summary>Records pre-produced for the full-speed mode. Default 1,000,000.</summary>
    public int Records { get; init; } = 1_000_000;

    /// <summary>Synthetic series (Kafka keys). Default 64.</summary>
    public int SeriesCount { get; init; } = 64;

    /// <summary>Offered rate of the fixed-rate mode, in records per second. Default 2,000.</summary>
    public int Rate { get; init; } = 2_000;

    /// <summary>How long the fixed-rate mode produces records. Default 60 s.</summary>
    public TimeSpan RateDuration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Repetitions of both modes. Default 2: one repetition with the defaults took 3 min 22 s on 2 shared cores
    /// (daemon at about 10,000 records/s), so two stay under 15 minutes even at a third of that speed.
    /// </summary>
    public int Runs { get; init; } = 2;

    /// <summary>An existing model directory with window length 32, or null to train a small one.</summary>
    public string? ModelDirectory { get; init; }

    /// <summary>Points per series between two spikes in the full-speed mode: rare, so alerting stays a small share of the work.</summary>
    public int FullSpeedSpikeInterval { get; init; } = 2_000;

    /// <summary>Points per series between two spikes in the fixed-rate mode: frequent, so the latency percentiles have samples.</summary>
    public int RateSpikeInterval { get; init; } = 200;

    /// <summary>Generator and encoder steps of the model the bench trains when <see cref="ModelDirectory"/> is null.</summary>
    public int TrainingSteps { get; init; } = 100;

    /// <summary>
    /// Whether the daemon runs as a child <c>ganwatch run</c> process, so its CPU time and working set exclude the
    /// mock broker (which keeps every record in memory) and the bench's clients. Default false, so the host runs in the
    /// bench process, where the daemon's counters give exact progress.
    /// </summary>
    public bool DaemonProcess { get; init; }

    /// <summary>Random seed of the synthetic data and the training.</summary>
    public int Seed { get; init; } = 7;

    /// <summary>Records of the fixed-rate mode: the rate times the duration.</summary>
    public int RateRecords => (int)Math.Ceiling(Rate * RateDuration.TotalSeconds);

    /// <summary>Input partitions: the series count, at most <see cref="MaxPartitions"/>; series s goes to partition s mod this count.</summary>
    public int Partitions => Math.Clamp(SeriesCount, 1, MaxPartitions);

    /// <summary>Returns every problem with these settings; empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Records < 1) problems.Add($"--records must be at least 1 (was {Records}).");
        if (SeriesCount < 1) problems.Add($"--series must be at least 1 (was {SeriesCount}).");
        if (Rate < 1) problems.Add($"--rate must be at least 1 record/s (was {Rate}).");
        if (RateDuration <= TimeSpan.Zero) problems.Add($"--duration must be positive (was {RateDuration.TotalSeconds} s).");
        if (Runs < 1) problems.Add($"--runs must be at least 1 (was {Runs}).");
        if (TrainingSteps < 1) problems.Add($"--train-steps must be at least 1 (was {TrainingSteps}).");
        if (ModelDirectory is not null && !Directory.Exists(ModelDirectory))
        {
            problems.Add($"Model directory '{ModelDirectory}' was not found; pass a folder written by 'ganwatch train' or omit --model.");
        }

        if (SeriesCount >= 1)
        {
            CheckRetention(problems, "--records", Records);
            CheckRetention(problems, "--rate x --duration", RateRecords);
        }

        return problems;
    }

    /// <summary>Returns the largest record count any one partition receives when records are spread over the series.</summary>
    public long RecordsPerPartition(int records)
    {
        long perSeries = (records + SeriesCount - 1) / SeriesCount;
        long seriesPerPartition = (SeriesCount + Partitions - 1) / Partitions;
        return perSeries * seriesPerPartition;
    }

    private void CheckRetention(List<string> problems, string name, int records)
    {
        long bytes = RecordsPerPartition(records) * EstimatedRecordBytes;
        if (records >= 1 && bytes > MaxPartitionBytes)
        {
            problems.Add(
                $"{name} ({records} records) puts about {bytes / (1024 * 1024.0):F1} MiB in one partition of the embedded cluster, " +
                $"which keeps only about 5 MiB per partition; raise --series (partitions = series, up to {MaxPartitions}) or lower the record count.");
        }
    }
}
