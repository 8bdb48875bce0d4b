using GanWatch.Bench;

namespace GanWatch.Tests.Bench;

/// <summary>
/// <c>ganwatch bench</c>: tiny runs of both modes against a real embedded cluster and the daemon, as a host in process
/// and as a child <c>ganwatch run</c> process.
/// The checks are on counts and ordering only, never on timing, because the test machine is shared.
/// </summary>
public sealed class BenchRunnerTests
{
    [Fact]
    public async Task TinyRunMeasuresBothModes()
    {
        var settings = new BenchSettings
        {
            Records = 2_000,
            SeriesCount = 4,
            Rate = 1_000,
            RateDuration = TimeSpan.FromSeconds(2),
            TrainingSteps = 30,
            Runs = 1,
        };

        BenchReport report = await new BenchRunner(settings, TextWriter.Null).RunAsync(TestContext.Current.CancellationToken);

        BenchRun run = Assert.Single(report.Runs);
        Assert.Equal(2_000, run.FullSpeed.Records);
        Assert.True(run.FullSpeed.RecordsPerSecond > 0, "the daemon's full-speed rate is zero");
        Assert.Equal(2_000, run.FullSpeed.Ceiling.Records);
        Assert.True(run.FullSpeed.Ceiling.RecordsPerSecond > 0, "the ceiling consumer's rate is zero");
        Assert.True(run.FullSpeed.Resources.CpuTime > TimeSpan.Zero, "no CPU time was measured in the full-speed mode");
        Assert.True(run.FullSpeed.Resources.PeakWorkingSet >= run.FullSpeed.Resources.SecondHalfWorkingSet);

        Assert.Equal(2_000, run.Rate.Records);
        Assert.NotEmpty(run.Rate.LatenciesMs);
        Assert.All(run.Rate.LatenciesMs, latency => Assert.True(latency >= 0, $"negative latency {latency} ms"));
        double p50 = run.Rate.LatencyPercentile(0.50);
        double p99 = run.Rate.LatencyPercentile(0.99);
        double p999 = run.Rate.LatencyPercentile(0.999);
        Assert.True(p50 <= p99, $"p50 {p50} ms is above p99 {p99} ms");
        Assert.True(p99 <= p999, $"p99 {p99} ms is above p99.9 {p999} ms");
        Assert.True(run.Rate.MaxLag >= run.Rate.MedianLag);
    }

    [Fact]
    public async Task ChildDaemonRunMeasuresBothModes()
    {
        var settings = new BenchSettings
        {
            Records = 2_000,
            SeriesCount = 4,
            Rate = 1_000,
            RateDuration = TimeSpan.FromSeconds(2),
            TrainingSteps = 30,
            Runs = 1,
            DaemonProcess = true,
        };

        BenchReport report = await new BenchRunner(settings, TextWriter.Null).RunAsync(TestContext.Current.CancellationToken);

        BenchRun run = Assert.Single(report.Runs);
        Assert.Equal(2_000, run.FullSpeed.Records);
        Assert.Equal(2_000, run.FullSpeed.Ceiling.Records);
        Assert.True(run.FullSpeed.Resources.CpuTime > TimeSpan.Zero, "no CPU time of the daemon process was measured in the full-speed mode");
        Assert.True(run.FullSpeed.Resources.SecondHalfWorkingSet > 0, "no working set of the daemon process was sampled");
        Assert.True(run.FullSpeed.Resources.PeakWorkingSet >= run.FullSpeed.Resources.SecondHalfWorkingSet);

        Assert.Equal(2_000, run.Rate.Records);
        Assert.NotEmpty(run.Rate.LatenciesMs);
        Assert.All(run.Rate.LatenciesMs, latency => Assert.True(latency >= 0, $"negative latency {latency} ms"));
        Assert.True(run.Rate.Resources.CpuTime > TimeSpan.Zero, "no CPU time of the daemon process was measured in the fixed-rate mode");
    }

    [Fact]
    public void SettingsRejectRecordsBeyondRetention()
    {
        var settings = new BenchSettings { Records = 1_000_000, SeriesCount = 4, Rate = 0 };

        IReadOnlyList<string> problems = settings.Validate();

        Assert.Contains(problems, p => p.Contains("--records (1000000 records)", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("--rate must be at least 1", StringComparison.Ordinal));
    }

    [Fact]
    public void DefaultSettingsAreValid() => Assert.Empty(new BenchSettings().Validate());

    [Theory]
    [InlineData(0.50, 5)]
    [InlineData(0.99, 10)]
    [InlineData(0.999, 10)]
    [InlineData(0.0, 1)]
    public void PercentileUsesNearestRank(double quantile, double expected)
    {
        double[] sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

        Assert.Equal(expected, RateResult.Percentile(sorted, quantile));
    }
}
