using System.Diagnostics;
using System.Globalization;
using GanWatch.Demo;
using GanWatch.Streaming.Kafka;

namespace GanWatch.Bench;

/// <summary>
/// Runs <c>ganwatch bench</c>: trains or loads a small model, then for each repetition starts a new embedded Kafka
/// cluster and runs the full-speed mode and the fixed-rate mode against the daemon: its host in this process, or a child
/// <c>ganwatch run</c> process with <see cref="BenchSettings.DaemonProcess"/>.
/// </summary>
internal sealed class BenchRunner(BenchSettings settings, TextWriter log)
{
    private const int WindowLength = 32;

    /// <summary>Runs every repetition and returns the measurements.</summary>
    /// <exception cref="ArgumentException">The settings are invalid; the message lists every problem.</exception>
    /// <exception cref="TimeoutException">The daemon stopped making progress.</exception>
    public async Task<BenchReport> RunAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<string> problems = settings.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid bench settings: " + string.Join(" ", problems));
        }

        string workDirectory = Path.Combine(Path.GetTempPath(), "ganwatch-bench-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        try
        {
            var trainWatch = Stopwatch.StartNew();
            string model = settings.ModelDirectory ?? TrainModel(workDirectory);
            trainWatch.Stop();

            var runs = new List<BenchRun>();
            for (int run = 1; run <= settings.Runs; run++)
            {
                log.WriteLine($"Run {run} of {settings.Runs}: full-speed mode, {settings.Records} records over {settings.Partitions} partitions.");
                using EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.Create(brokers: 1);
                var modes = new BenchModes(cluster, settings, model, log);
                FullSpeedResult fullSpeed = await modes.RunFullSpeedAsync(cancellationToken).ConfigureAwait(false);
                log.WriteLine($"Run {run} of {settings.Runs}: fixed-rate mode, {settings.Rate} records/s for {settings.RateDuration.TotalSeconds:F0} s.");
                RateResult rate = await modes.RunFixedRateAsync(cancellationToken).ConfigureAwait(false);
                runs.Add(new BenchRun(fullSpeed, rate));
            }

            return new BenchReport(settings, runs, settings.ModelDirectory is null ? trainWatch.Elapsed : TimeSpan.Zero, settings.Partitions);
        }
        finally
        {
            if (Directory.Exists(workDirectory))
            {
                Directory.Delete(workDirectory, recursive: true);
            }
        }
    }

    private string TrainModel(string workDirectory)
    {
        var stream = new BenchStream(settings.SeriesCount, settings.FullSpeedSpikeInterval, settings.Seed);
        string directory = Path.Combine(workDirectory, "models", "bench");

        // At most 8 series of clean history: every series has the same shape family, and more rows only slow training.
        var series = Enumerable.Range(0, Math.Min(stream.SeriesCount, 8))
            .Select(s => new DemoSeries(stream.Key(s), stream.TrainingRows(s), directory))
            .ToList();
        var training = new DemoSettings
        {
            WindowLength = WindowLength,
            Width = 16,
            LatentSize = 16,
            TrainingSteps = settings.TrainingSteps,
            EncoderSteps = settings.TrainingSteps,
            Seed = settings.Seed,
        };
        DemoModels.TrainMissing(series, training, log);
        return directory;
    }
}
