using System.Collections.Concurrent;
using GanWatch.Engine;
using GanWatch.Engine.Persistence;
using GanWatch.FineTuning;
using GanWatch.Metrics;
using GanWatch.Models;
using GanWatch.Streaming.Kafka;
using GanWatch.Streaming.Processing;
using GanWatch.Streaming.Scoring;
using GanWatch.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace GanWatch.Tests.FineTuning;

/// <summary>Fine-tuned models swapped in by <see cref="FineTuneService"/> while a stream processor scores records.</summary>
public sealed class FineTuneSwapUnderLoadTests(TrainedModelFixture model)
{
    private const string InputTopic = "points";
    private const int Partitions = 2;
    private const int SeriesCount = 4;
    private const int Rows = 1200;
    private const int MinimumSwaps = 12;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task SwapsKeepEveryWindowScoredOnce()
    {
        CancellationToken cancellationToken = TestContext.Current.CancellationToken;
        using TempDirectory directory = TempDirectory.Create("ganwatch-swaps");
        string repositoryPath = ModelRepositoryCopy.Plain(model, directory.File("sine"));
        using var cluster = EmbeddedKafkaCluster.Create();
        cluster.CreateTopic(InputTopic, Partitions);
        cluster.CreateTopic("alerts");
        cluster.CreateTopic("dead-letters");
        StreamProcessorOptions streamOptions = StreamOptions(cluster.BootstrapServers);
        using var router = new SwappableModelRouter(new ModelCatalog(new ModelOptions { DefaultModel = repositoryPath }, NullLogger<ModelCatalog>.Instance),
            NullLogger<SwappableModelRouter>.Instance);
        var processor = new StreamProcessor(streamOptions, router, NullLogger<StreamProcessor>.Instance, TimeProvider.System);
        var windows = new RecordingSink();
        processor.ScoredWindowSink = windows;
        using var gate = new ModelSwapGate();
        using var service = new FineTuneService(new FineTuneServiceOptions { Enabled = true, KeepVersions = 3 }, streamOptions, processor, router, gate,
            null, TimeProvider.System, NullLogger<FineTuneService>.Instance, handleSignal: false);
        Task run = processor.RunAsync(cancellationToken);

        List<StreamRecord> records = TestStream.Sine(SeriesCount, Partitions, 0, Rows, TestStream.PeriodicSpikes());
        Task<long[]> produce = StreamProducer.ProduceAsync(cluster.BootstrapServers, InputTopic, records, recordsPerSecond: 1500, cancellationToken);
        ModelSource source = router.Current.Models.Keys.Single();
        var versions = new List<string>();
        while (!produce.IsCompleted || versions.Count < MinimumSwaps)
        {
            // A clone scores like its parent, so every spike must still alert and nothing else may.
            EngineWindowModel live = router.Current.Models[source];
            GanModel candidate = live.Model.Clone();
            candidate.ModelVersion = $"{model.ModelVersion}-swap-{versions.Count:D3}";
            Assert.Equal(GanWatchMetrics.Accepted, await service.InstallFineTunedAsync(source, live, candidate, cancellationToken));
            versions.Add(candidate.ModelVersion);
            await Task.Delay(50, cancellationToken);
        }

        long[] offsets = await produce;
        await WaitUntilAsync(() => processor.Counters.RecordsConsumed >= records.Count && processor.Counters.PendingWindows == 0, "every record processed");
        await processor.WhenQueuedWindowsScoredAsync(cancellationToken);
        await WaitUntilAsync(() => router.RetiredCount == 0, "every retired model disposed");
        using var offsetsReader = new GroupOffsets(cluster.BootstrapServers, streamOptions.GroupId, InputTopic, Partitions);
        long[] committed = (await offsetsReader.WaitForEndAsync(Timeout, [], cancellationToken)).ToArray();
        await processor.StopAsync(cancellationToken);
        await run;

        int expectedWindows = records.Count - (SeriesCount * (SineSignal.WindowLength - 1));
        List<(string Series, DateTimeOffset WindowEnd)> scored = windows.Windows.Select(w => (w.SeriesId, w.WindowEnd)).ToList();
        Assert.Equal(expectedWindows, scored.Count);
        Assert.Equal(expectedWindows, scored.Distinct().Count());
        Assert.Equal(expectedWindows, processor.Counters.WindowsScored);
        Assert.Equal(offsetsReader.End(), committed);

        List<EngineWindowModel> scoringModels = windows.Windows.Select(w => w.Model).Distinct().ToList();
        Assert.True(scoringModels.Count >= 3, $"only {scoringModels.Count} model version(s) scored windows while {versions.Count} were swapped in");
        EngineWindowModel current = router.Current.Models[source];
        Assert.Equal(versions[^1], current.Version);
        Assert.All(scoringModels.Where(m => !ReferenceEquals(m, current)), m => Assert.True(m.IsDisposed, $"retired model {m.Version} was not disposed"));

        var expected = new ExpectedOutcomes(InputTopic, records, offsets);
        var alerts = ExpectedOutcomes.ParseAlerts(TopicReader.ReadAll(cluster.BootstrapServers, "alerts", 1, TimeSpan.FromSeconds(30)));
        Assert.Equal(0, OutcomeAssert.Alerts(expected, alerts, InputTopic));

        IReadOnlyList<ModelVersionInfo> kept = ModelRepository.Open(repositoryPath).List();
        Assert.Equal(versions[^1], kept.Single(version => version.IsCurrent).Version);
        Assert.Equal(versions.TakeLast(3).Reverse().Append(model.ModelVersion), kept.Select(version => version.Version));
    }

    private static StreamProcessorOptions StreamOptions(string bootstrapServers) => new()
    {
        BootstrapServers = bootstrapServers,
        GroupId = "swap-group",
        InputTopic = InputTopic,
        AlertTopic = "alerts",
        DeadLetterTopic = "dead-letters",
        SessionTimeout = TimeSpan.FromSeconds(6),
        AutoCommitInterval = TimeSpan.FromMilliseconds(300),
        MaxBatchSize = 32,
        MaxBatchWait = TimeSpan.FromMilliseconds(5),
    };

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        DateTime deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out after {Timeout} waiting for {what}.");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }

    private sealed record ScoredWindow(EngineWindowModel Model, string SeriesId, DateTimeOffset WindowEnd);

    private sealed class RecordingSink : IScoredWindowSink
    {
        private readonly ConcurrentQueue<ScoredWindow> _windows = new();

        public List<ScoredWindow> Windows => [.. _windows];

        public void OnWindowScored(IWindowModel model, string seriesId, ReadOnlySpan<float> window, double score, double threshold, bool anomalous,
            DateTimeOffset windowEnd) =>
            _windows.Enqueue(new ScoredWindow((EngineWindowModel)model, seriesId, windowEnd));
    }
}
