using GanWatch.Streaming.Scoring;
using GanWatch.Streaming.Tests.Support;

namespace GanWatch.Streaming.Tests.Processing;

public sealed class StreamProcessorBackPressureTests
{
    [Fact]
    public async Task SlowModelPausesAndResumesWithBoundedQueue()
    {
        using var kafka = new KafkaTestCluster(inputPartitions: 1);
        var points = TestSeries.Build(new Dictionary<string, int[]> { ["busy"] = [], ["busier"] = [] }, 0, 400);
        await kafka.ProduceAsync(points.Select(p => p.Message));

        var options = kafka.CreateOptions("back-pressure-group");
        options.MaxPendingWindows = 64;
        options.MaxBatchSize = 16;
        var model = new ZScoreTestModel(windowLength: 8, delayPerBatch: TimeSpan.FromMilliseconds(15));
        var run = new ProcessorRun(options, new PatternModelRouter(model));
        long maxPending = 0;
        await run.WaitForRecordsAsync(points.Count, TimeSpan.FromSeconds(60),
            () => maxPending = Math.Max(maxPending, run.Processor.Counters.PendingWindows));
        await run.StopAsync();

        Assert.True(run.Processor.Counters.Pauses >= 2, $"expected repeated pauses, got {run.Processor.Counters.Pauses}");
        Assert.InRange(maxPending, 1, options.MaxPendingWindows);
        Assert.Equal(points.Count - 2 * 7, run.Processor.Counters.WindowsScored);
        Assert.Equal(kafka.EndOffsets(), kafka.Committed("back-pressure-group"));
    }
}
