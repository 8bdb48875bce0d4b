using System.Collections.Concurrent;
using GanWatch.Engine.FineTuning;
using GanWatch.Engine.Persistence;
using GanWatch.Engine.Training;
using GanWatch.FineTuning;
using GanWatch.Models;
using GanWatch.Streaming.Alerts;
using GanWatch.Streaming.Kafka;
using GanWatch.Streaming.Processing;
using GanWatch.Streaming.Scoring;
using GanWatch.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GanWatch.Tests.FineTuning;

/// <summary>
/// A series whose level shifts and stays there, scored by the daemon's stream processor with and without the scheduled
/// fine-tuning of <see cref="FineTuneService"/>.
/// </summary>
public sealed class DaemonDriftTests(TrainedModelFixture model)
{
    private const string InputTopic = "points";
    private const string AlertTopic = "alerts";
    private const int Length = SineSignal.WindowLength;
    private const int Rows = 3000;
    private const int ShiftRow = 300;
    private const float SpikeHeight = 3f;

    /// <summary>
    /// Level shift, one and a half times the sine's amplitude. About a fifth of each sine period still scores under the
    /// threshold (measured: 80.7 % of the shifted windows are anomalous), which shift admission must tolerate.
    /// </summary>
    private const float Shift = 1.5f;

    /// <summary>Windows after the shift by which fine-tuning must have stopped the false alarms.</summary>
    private const int AdaptationBound = 1200;

    /// <summary>
    /// Largest share of windows without a spike that may still be anomalous, or alert, after the adaptation bound. A few
    /// false alarms may remain, because each new threshold is fitted on a few hundred held-out scores.
    /// </summary>
    private const double MaxFalseAlarmRate = 0.02;

    /// <summary>
    /// Rows produced at a time. After each chunk is scored the test lets a due run finish before it produces more, so that
    /// the number of windows between the shift and a swap does not depend on how fast this machine trains.
    /// </summary>
    private const int ChunkRows = 300;

    private static readonly int[] SpikeRows = [2500, 2600, 2700, 2800, 2900];
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    /// <summary>Longer than the fine-tuning loop's one-second tick, so that a run due after a chunk has started by then.</summary>
    private static readonly TimeSpan RunStartWait = TimeSpan.FromSeconds(1.5);

    [Fact]
    public async Task LevelShift_KeepsAlertingWithoutFineTuning()
    {
        DriftRun run = await StreamAsync(fineTune: false, TestContext.Current.CancellationToken);

        double rate = run.AnomalousRate(ShiftRow + Length, Rows);
        TestContext.Current.TestOutputHelper?.WriteLine($"Without fine-tuning {rate:P1} of the shifted windows were anomalous.");
        Assert.True(rate > 0.7, $"Without fine-tuning only {rate:P1} of the shifted windows were anomalous.");
        Assert.Single(run.Versions);
        Assert.NotEmpty(run.FalseAlertsFrom(ShiftRow + AdaptationBound));
    }

    [Fact]
    public async Task LevelShift_StopsAlertingWithFineTuning()
    {
        DriftRun run = await StreamAsync(fineTune: true, TestContext.Current.CancellationToken);

        double tunedRate = run.AnomalousRate(ShiftRow + AdaptationBound, Rows);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"With fine-tuning {tunedRate:P1} of the windows from {AdaptationBound} after the shift were anomalous. {run.Describe()}");

        // At least one fine-tuned version was accepted, saved and swapped in.
        Assert.True(run.Versions.Count >= 2, $"The repository has no fine-tuned version. {run.Describe()}");
        Assert.Contains(run.Log, line => line.Contains("(fine-tuned)", StringComparison.Ordinal));

        Assert.True(
            tunedRate < MaxFalseAlarmRate,
            $"{tunedRate:P1} of the windows from {AdaptationBound} windows after the shift on were anomalous without a spike. {run.Describe()}");

        List<int> falseAlerts = run.FalseAlertsFrom(ShiftRow + AdaptationBound);
        int windowsAfterBound = Rows - (ShiftRow + AdaptationBound);
        Assert.True(
            falseAlerts.Count < MaxFalseAlarmRate * windowsAfterBound,
            $"{falseAlerts.Count} alerts without a spike from {AdaptationBound} windows after the shift on, at rows {string.Join(",", falseAlerts)}. {run.Describe()}");

        // The spikes come long after the adaptation, and each one still raises an alert.
        foreach (int spike in SpikeRows)
        {
            DateTimeOffset first = TestStream.Start.AddMinutes(spike);
            DateTimeOffset last = TestStream.Start.AddMinutes(spike + Length - 1);
            Assert.True(
                run.Alerts.Any(alert => alert.WindowEnd >= first && alert.WindowEnd <= last),
                $"No alert for the spike at row {spike}; the highest score of its windows was {run.MaxScore(spike, spike + Length):F3} " +
                $"against threshold {run.ThresholdAt(spike):F3}. {run.Describe()}");
        }
    }

    /// <summary>
    /// Streams the shifted series through a stream processor and, when <paramref name="fineTune"/> is true, a fine-tuning
    /// service that runs on its window schedule, then returns what the processor scored and alerted.
    /// </summary>
    private async Task<DriftRun> StreamAsync(bool fineTune, CancellationToken cancellationToken)
    {
        using TempDirectory directory = TempDirectory.Create("ganwatch-drift");
        string repositoryPath = ModelRepositoryCopy.Plain(model, directory.File("sine"));
        using var cluster = EmbeddedKafkaCluster.Create();
        cluster.CreateTopic(InputTopic, 1);
        cluster.CreateTopic(AlertTopic);
        cluster.CreateTopic("dead-letters");
        StreamProcessorOptions streamOptions = StreamOptions(cluster.BootstrapServers);
        using var router = new SwappableModelRouter(new ModelCatalog(new ModelOptions { DefaultModel = repositoryPath }, NullLogger<ModelCatalog>.Instance),
            NullLogger<SwappableModelRouter>.Instance);
        var processor = new StreamProcessor(streamOptions, router, NullLogger<StreamProcessor>.Instance, TimeProvider.System);
        var log = new RecordingLogger();
        using var gate = new ModelSwapGate();
        using var service = new FineTuneService(ServiceOptions(fineTune), streamOptions, processor, router, gate, null, TimeProvider.System, log,
            handleSignal: false);

        // The service's start sets its buffers as the processor's sink. The recorder replaces them and passes every window on.
        await service.StartAsync(cancellationToken);
        var windows = new RecordingSink(processor.ScoredWindowSink);
        processor.ScoredWindowSink = windows;
        Task processing = processor.RunAsync(cancellationToken);

        List<StreamRecord> records = TestStream.Values(0, 1, ShiftedSeriesWithSpikes(), row => SpikeRows.Contains(row));
        for (int produced = 0; produced < records.Count; produced += ChunkRows)
        {
            List<StreamRecord> chunk = records.GetRange(produced, Math.Min(ChunkRows, records.Count - produced));
            await StreamProducer.ProduceAsync(cluster.BootstrapServers, InputTopic, chunk, recordsPerSecond: 0, cancellationToken);
            int expected = produced + chunk.Count - (Length - 1);
            await WaitUntilAsync(() => windows.Count >= expected, $"{expected} windows scored");
            if (fineTune)
            {
                await WaitForDueRunAsync(log, cancellationToken);
            }
        }

        await processor.WhenQueuedWindowsScoredAsync(cancellationToken);
        await service.StopAsync(cancellationToken);
        await processor.StopAsync(cancellationToken);
        await processing;

        List<Alert> alerts = ExpectedOutcomes.ParseAlerts(TopicReader.ReadAll(cluster.BootstrapServers, AlertTopic, 1, TimeSpan.FromSeconds(30)));
        List<string> versions = ModelRepository.Open(repositoryPath).List().Select(version => version.Version).ToList();
        return new DriftRun(windows.ByRow(), alerts, versions, log.Lines);
    }

    /// <summary>
    /// Waits until a run that became due with the last chunk has finished. It waits one loop tick for the run to start,
    /// then until every started run has logged its outcome.
    /// </summary>
    private static async Task WaitForDueRunAsync(RecordingLogger log, CancellationToken cancellationToken)
    {
        await Task.Delay(RunStartWait, cancellationToken);
        await WaitUntilAsync(() => log.Finished >= log.Started, "the fine-tuning run to finish");
    }

    private static float[] ShiftedSeriesWithSpikes()
    {
        // The noise of the model's training data, so that the series scores like the windows the model was trained on.
        float[] rows = SineSignal.Noisy(Rows, noise: 0.05, seed: 210);
        for (int row = ShiftRow; row < Rows; row++)
        {
            rows[row] += Shift;
        }

        foreach (int spike in SpikeRows)
        {
            rows[spike] += SpikeHeight;
        }

        return rows;
    }

    /// <summary>
    /// The defaults except where a 3,000-row stream needs less. A run is due every 600 admitted windows, with at least
    /// 256 of them, so that a few runs fit after the shift. Shift admission starts at 96 anomalous windows among the
    /// last 192, not 256 among 512, so that the shifted level reaches the buffer before the first run after the shift. 40 % of the buffer is
    /// held out, because the fresh threshold extrapolates from the top 2 % of the held-out scores and needs a few
    /// hundred of them. Training is short: 60 steps at a learning rate of 1e-3 on one torch thread.
    /// </summary>
    private static FineTuneServiceOptions ServiceOptions(bool enabled) => new()
    {
        Enabled = enabled,
        IntervalWindows = 600,
        Interval = TimeSpan.Zero,
        KeepVersions = 10,
        Tuning = new FineTuneOptions
        {
            BufferCapacity = 2048,
            MinWindows = 256,
            HeldOutFraction = 0.4,
            ShiftAdmissionWindows = 96,
            Seed = 5,
            Training = new TrainingOptions { Steps = 60, EncoderSteps = 60, BatchSize = 32, LearningRate = 1e-3, Seed = 3, Threads = 1 },
        },
    };

    /// <summary>
    /// Stream settings for one point per minute. The episode quiet period of two minutes closes an episode soon after
    /// its last anomalous window, so that each spike opens an episode of its own and alerts.
    /// </summary>
    private static StreamProcessorOptions StreamOptions(string bootstrapServers) => new()
    {
        BootstrapServers = bootstrapServers,
        GroupId = "drift-group",
        InputTopic = InputTopic,
        AlertTopic = AlertTopic,
        DeadLetterTopic = "dead-letters",
        SessionTimeout = TimeSpan.FromSeconds(6),
        AutoCommitInterval = TimeSpan.FromMilliseconds(300),
        MaxBatchSize = 64,
        MaxBatchWait = TimeSpan.FromMilliseconds(5),
        EpisodeQuietPeriod = TimeSpan.FromMinutes(2),
    };

    private static async Task WaitUntilAsync(Func<bool> condition, string description)
    {
        DateTime deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out after {Timeout} waiting for {description}.");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }

    private static int RowOf(DateTimeOffset windowEnd) => (int)(windowEnd - TestStream.Start).TotalMinutes;

    private static bool ContainsSpike(int windowEnd) => SpikeRows.Any(spike => spike <= windowEnd && windowEnd < spike + Length);

    /// <summary>One scored window, indexed by the row of its last point.</summary>
    private sealed record ScoredWindow(int Row, double Score, double Threshold, bool Anomalous, string ModelVersion);

    /// <summary>What one stream run scored, alerted and logged, with the versions in the repository afterwards.</summary>
    private sealed record DriftRun(IReadOnlyDictionary<int, ScoredWindow> Windows, List<Alert> Alerts, List<string> Versions, List<string> Log)
    {
        /// <summary>Returns the share of anomalous windows among those without a spike that end in rows [from, to).</summary>
        public double AnomalousRate(int from, int to)
        {
            List<ScoredWindow> plain = Enumerable.Range(from, to - from).Where(row => !ContainsSpike(row)).Select(row => Windows[row]).ToList();
            return plain.Count(window => window.Anomalous) / (double)plain.Count;
        }

        /// <summary>Returns the rows of alerts for windows without a spike that end at <paramref name="from"/> or later.</summary>
        public List<int> FalseAlertsFrom(int from) =>
            Alerts.Select(alert => RowOf(alert.WindowEnd)).Where(row => row >= from && !ContainsSpike(row)).Order().ToList();

        public double MaxScore(int from, int to) => Enumerable.Range(from, to - from).Max(row => Windows[row].Score);

        public double ThresholdAt(int row) => Windows[row].Threshold;

        /// <summary>Returns the fine-tuning log, the anomalous rows and the alerts as text, for failure messages.</summary>
        public string Describe()
        {
            IEnumerable<int> anomalous = Windows.Values.Where(window => window.Anomalous).Select(window => window.Row).Order();
            IEnumerable<int> alerted = Alerts.Select(alert => RowOf(alert.WindowEnd)).Order();
            return $"Versions: {string.Join(", ", Versions)}. Log: {string.Join(" | ", Log)}. " +
                   $"Anomalous rows: {string.Join(",", anomalous)}. Alert rows: {string.Join(",", alerted)}.";
        }
    }

    /// <summary>Records every scored window of the one series and passes it on to the fine-tuning buffers, if any.</summary>
    private sealed class RecordingSink(IScoredWindowSink? next) : IScoredWindowSink
    {
        private readonly ConcurrentQueue<ScoredWindow> _windows = new();

        public int Count => _windows.Count;

        public Dictionary<int, ScoredWindow> ByRow() => _windows.ToDictionary(window => window.Row);

        public void OnWindowScored(IWindowModel model, string seriesId, ReadOnlySpan<float> window, double score, double threshold, bool anomalous,
            DateTimeOffset windowEnd)
        {
            _windows.Enqueue(new ScoredWindow(RowOf(windowEnd), score, threshold, anomalous, model.Version));
            next?.OnWindowScored(model, seriesId, window, score, threshold, anomalous, windowEnd);
        }
    }

    /// <summary>
    /// Keeps the service's log lines and counts started and finished runs by their event ids. Event 401 starts a run, and
    /// 402 (skipped), 403 (rejected), 405 (failed), 406 (swapped in), 407 (discarded) and 408 (not saved) end one.
    /// </summary>
    private sealed class RecordingLogger : ILogger<FineTuneService>
    {
        private static readonly int[] EndEvents = [402, 403, 405, 406, 407, 408];
        private readonly ConcurrentQueue<string> _lines = new();
        private int _started;
        private int _finished;

        public List<string> Lines => [.. _lines];

        public int Started => Volatile.Read(ref _started);

        public int Finished => Volatile.Read(ref _finished);

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            _lines.Enqueue(formatter(state, exception) + (exception is null ? "" : $" ({exception.Message})"));
            if (eventId.Id == 401)
            {
                Interlocked.Increment(ref _started);
            }
            else if (EndEvents.Contains(eventId.Id))
            {
                Interlocked.Increment(ref _finished);
            }
        }
    }
}
