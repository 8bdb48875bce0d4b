using Confluent.Kafka;
using GanWatch.Streaming.Scoring;
using GanWatch.Streaming.Tests.Support;

namespace GanWatch.Streaming.Tests.Processing;

public sealed class StreamProcessorModelSwapTests
{
    private const int WindowLength = 8;

    [Fact]
    public async Task QueueBarrierOutlastsWindowsOfOldModel()
    {
        using var kafka = new KafkaTestCluster(inputPartitions: 1);
        Dictionary<string, int[]> spikes = Enumerable.Range(0, 4).ToDictionary(i => $"swap-{i}", _ => Array.Empty<int>());
        var points = TestSeries.Build(spikes, 0, 500);

        // Half the stream is produced after the swap, so the new model has records to score however fast the consumer
        // read the first half.
        int firstHalf = points.Count / 2;
        await kafka.ProduceAsync(points.Take(firstHalf).Select(p => p.Message));
        var options = kafka.CreateOptions("swap-group");
        options.MaxBatchSize = 8;
        var oldModel = new ZScoreTestModel(WindowLength, delayPerBatch: TimeSpan.FromMilliseconds(5));
        var newModel = new ZScoreTestModel(WindowLength);
        var router = new SwitchingRouter(oldModel);
        var run = new ProcessorRun(options, router);
        await ProcessorRun.WaitUntilAsync(() => run.Processor.Counters.WindowsScored >= 40, TimeSpan.FromSeconds(30), "40 windows scored");

        router.Model = newModel;
        long pendingAtSwap = run.Processor.Counters.PendingWindows;
        await run.Processor.WhenQueuedWindowsScoredAsync(TestContext.Current.CancellationToken);
        int oldCallsAtBarrier = oldModel.Calls;
        await kafka.ProduceAsync(points.Skip(firstHalf).Select(p => p.Message));
        await run.WaitForRecordsAsync(points.Count, TimeSpan.FromSeconds(60));
        await run.StopAsync();

        Assert.True(pendingAtSwap > 0, "the swap should happen while windows are queued for the old model");
        Assert.Equal(oldCallsAtBarrier, oldModel.Calls);
        Assert.True(newModel.Calls > 0, "the new model scored nothing");
        Assert.Equal(points.Count - spikes.Count * (WindowLength - 1), run.Processor.Counters.WindowsScored);
        Assert.Equal(kafka.EndOffsets(), kafka.Committed("swap-group"));
        Assert.True(run.Processor.WhenQueuedWindowsScoredAsync(TestContext.Current.CancellationToken).IsCompletedSuccessfully, "a stopped processor has no queued windows");
    }

    /// <summary>Routes every series to one model that the test replaces.</summary>
    private sealed class SwitchingRouter(IWindowModel model) : IModelRouter
    {
        private IWindowModel _model = model;

        public IWindowModel Model
        {
            get => Volatile.Read(ref _model);
            set => Volatile.Write(ref _model, value);
        }

        public IWindowModel Resolve(string seriesId) => Model;
    }
}
