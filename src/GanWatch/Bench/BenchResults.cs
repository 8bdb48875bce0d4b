namespace GanWatch.Bench;

/// <summary>Result of the full-speed mode: pre-produced records read by the daemon and by the ceiling consumer.</summary>
/// <param name="Records">Records the daemon consumed.</param>
/// <param name="Elapsed">Time from the daemon's first consumed record to the last record processed (no pending windows).</param>
/// <param name="Ceiling">The plain consumer's reading of the same topic, in the same run.</param>
/// <param name="Alerts">Alerts the daemon published.</param>
/// <param name="Resources">CPU time and working set while the daemon ran.</param>
internal sealed record FullSpeedResult(long Records, TimeSpan Elapsed, CeilingResult Ceiling, long Alerts, ResourceUsage Resources)
{
    /// <summary>Sustained records per second of the daemon.</summary>
    public double RecordsPerSecond => Elapsed > TimeSpan.Zero ? Records / Elapsed.TotalSeconds : 0;

    /// <summary>The daemon's rate as a share of the ceiling consumer's rate (1 = as fast).</summary>
    public double ShareOfCeiling => Ceiling.RecordsPerSecond > 0 ? RecordsPerSecond / Ceiling.RecordsPerSecond : 0;

    /// <summary>Process CPU time per consumed record, in microseconds.</summary>
    public double CpuMicrosecondsPerRecord => Records > 0 ? Resources.CpuTime.TotalMicroseconds / Records : 0;
}

/// <summary>Result of the fixed-rate mode.</summary>
/// <param name="OfferedRate">Requested records per second.</param>
/// <param name="Records">Records produced and consumed.</param>
/// <param name="ProduceTime">Time the paced producer took to produce every record.</param>
/// <param name="LatenciesMs">End-to-end latency of each alert in milliseconds, sorted: input record create time to the alert being read.</param>
/// <param name="MedianLag">Median of the lag samples (records produced but not yet consumed by the daemon), taken every 100 ms.</param>
/// <param name="MaxLag">Largest lag sample, in records.</param>
/// <param name="DrainTime">Time from the last record produced until the daemon had processed every record.</param>
/// <param name="Resources">CPU time and working set while the daemon ran.</param>
internal sealed record RateResult(
    int OfferedRate, long Records, TimeSpan ProduceTime, IReadOnlyList<double> LatenciesMs, long MedianLag, long MaxLag, TimeSpan DrainTime, ResourceUsage Resources)
{
    /// <summary>Records per second the paced producer achieved.</summary>
    public double AchievedRate => ProduceTime > TimeSpan.Zero ? Records / ProduceTime.TotalSeconds : 0;

    /// <summary>Process CPU time per record, in microseconds; includes the paced producer and the alert reader.</summary>
    public double CpuMicrosecondsPerRecord => Records > 0 ? Resources.CpuTime.TotalMicroseconds / Records : 0;

    /// <summary>Returns the latency at quantile <paramref name="q"/> (0 to 1) by the nearest-rank method, or NaN without alerts.</summary>
    public double LatencyPercentile(double q) => Percentile(LatenciesMs, q);

    /// <summary>Returns the nearest-rank quantile of sorted values, or NaN when there are none.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double q)
    {
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        int rank = (int)Math.Ceiling(q * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }
}

/// <summary>One repetition of both modes.</summary>
internal sealed record BenchRun(FullSpeedResult FullSpeed, RateResult Rate);

/// <summary>Every repetition of a bench invocation, with the time spent training the model (zero when one was given).</summary>
internal sealed record BenchReport(BenchSettings Settings, IReadOnlyList<BenchRun> Runs, TimeSpan TrainingTime, int Partitions);
