using Confluent.Kafka;
using GanWatch.Streaming.Diagnostics;
using GanWatch.Streaming.Kafka;
using GanWatch.Streaming.Processing;
using GanWatch.Streaming.Scoring;
using GanWatch.Streaming.Tests.Support;

namespace GanWatch.Streaming.Tests.Processing;

/// <summary>Alert publishing under faults injected into the mock cluster: every alert arrives and offsets still commit.</summary>
public sealed class StreamProcessorPublishFaultTests
{
    [Fact]
    public async Task TransientProduceErrorsDeliverEveryAlert()
    {
        using var kafka = new KafkaTestCluster(inputPartitions: 1);
        Dictionary<string, int[]> spikes = AlertExpectation.Spikes(series: 4, points: 120, spacing: 25);
        var points = TestSeries.Build(spikes, 0, 120);
        DeliveryResult<byte[]?, byte[]?>[] reports = await kafka.ProduceAsync(points.Select(p => p.Message));
        HashSet<string> expected = AlertExpectation.ExpectedIds(spikes, points, reports);

        // Input is in place, so only the processor's produce requests meet these errors.
        kafka.Cluster.PushRequestErrors(EmbeddedKafkaCluster.ProduceApiKey, Enumerable.Repeat(ErrorCode.NotEnoughReplicas, 12).ToArray());
        StreamProcessorOptions options = AlertExpectation.FastRetryOptions(kafka, "transient-group", messageTimeoutMs: 300);
        var run = new ProcessorRun(options, new PatternModelRouter(new ZScoreTestModel(AlertExpectation.WindowLength)));
        await run.WaitForRecordsAsync(points.Count);
        await ProcessorRun.WaitUntilAsync(() => kafka.Committed("transient-group").SequenceEqual(kafka.EndOffsets()),
            TimeSpan.FromSeconds(30), "offsets committed to the end");
        await run.StopAsync();

        Assert.Equal(expected.Order(), AlertExpectation.DeliveredIds(kafka).Order());
        Assert.True(run.Processor.Counters.PublishRetries > 0, "the injected errors should have made the processor produce again");
        Assert.Equal(0, run.Processor.Counters.RecordsAwaitingRetry);
    }

    [Fact]
    public async Task BrokerDownMovesLeaderAndLosesNothing()
    {
        using var kafka = new KafkaTestCluster(inputPartitions: 1, brokers: 3);
        kafka.Cluster.SetPartitionLeader(KafkaTestCluster.AlertTopic, 0, 1);
        kafka.Cluster.SetPartitionLeader(KafkaTestCluster.InputTopic, 0, 3);
        Dictionary<string, int[]> spikes = AlertExpectation.Spikes(series: 4, points: 160, spacing: 25);
        var first = TestSeries.Build(spikes, 0, 80);
        var second = TestSeries.Build(spikes, 80, 160);
        DeliveryResult<byte[]?, byte[]?>[] firstReports = await kafka.ProduceAsync(first.Select(p => p.Message));

        StreamProcessorOptions options = AlertExpectation.FastRetryOptions(kafka, "broker-down-group", messageTimeoutMs: 1000);
        var run = new ProcessorRun(options, new PatternModelRouter(new ZScoreTestModel(AlertExpectation.WindowLength)));
        await run.WaitForRecordsAsync(first.Count);

        kafka.Cluster.SetBrokerDown(1);
        kafka.Cluster.SetPartitionLeader(KafkaTestCluster.AlertTopic, 0, 2);
        DeliveryResult<byte[]?, byte[]?>[] secondReports = await kafka.ProduceAsync(second.Select(p => p.Message));
        await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);
        kafka.Cluster.SetBrokerUp(1);

        await run.WaitForRecordsAsync(first.Count + second.Count, TimeSpan.FromSeconds(40));
        await ProcessorRun.WaitUntilAsync(() => kafka.Committed("broker-down-group").SequenceEqual(kafka.EndOffsets()),
            TimeSpan.FromSeconds(30), "offsets committed to the end");
        await run.StopAsync();

        HashSet<string> expected = AlertExpectation.ExpectedIds(spikes, [.. first, .. second], [.. firstReports, .. secondReports]);
        Assert.Equal(expected.Order(), AlertExpectation.DeliveredIds(kafka).Order());
    }

    [Fact]
    public async Task PersistentFailureOpensBreakerAndPauses()
    {
        using var kafka = new KafkaTestCluster(inputPartitions: 1);
        Dictionary<string, int[]> spikes = AlertExpectation.Spikes(series: 20, points: 400, spacing: 20);
        var points = TestSeries.Build(spikes, 0, 400);
        DeliveryResult<byte[]?, byte[]?>[] reports = await kafka.ProduceAsync(points.Select(p => p.Message));
        HashSet<string> expected = AlertExpectation.ExpectedIds(spikes, points, reports);

        kafka.Cluster.PushRequestErrors(EmbeddedKafkaCluster.ProduceApiKey, Enumerable.Repeat(ErrorCode.NotEnoughReplicas, 100_000).ToArray());
        StreamProcessorOptions options = AlertExpectation.FastRetryOptions(kafka, "breaker-group", messageTimeoutMs: 200);
        options.MaxPendingWindows = 256;
        options.MaxBatchSize = 32;

        // About 1,300 windows/s, so the breaker opens long before the 8,000 records are read.
        var model = new ZScoreTestModel(AlertExpectation.WindowLength, delayPerBatch: TimeSpan.FromMilliseconds(25));
        var run = new ProcessorRun(options, new PatternModelRouter(model));
        StreamCounters counters = run.Processor.Counters;
        long maxAwaiting = 0;
        long maxPending = 0;
        void Sample()
        {
            maxAwaiting = Math.Max(maxAwaiting, counters.RecordsAwaitingRetry);
            maxPending = Math.Max(maxPending, counters.PendingWindows);
        }

        await ProcessorRun.WaitUntilAsync(() =>
        {
            Sample();
            return counters.PublishBreakerOpenings > 0 && counters.PublishPauses > 0;
        }, TimeSpan.FromSeconds(20), "the breaker to open and the consumer to pause");
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
        Sample();
        Assert.True(counters.RecordsConsumed < points.Count, $"consumption should stall while publishing fails, but read {counters.RecordsConsumed} of {points.Count}");

        kafka.Cluster.ClearRequestErrors(EmbeddedKafkaCluster.ProduceApiKey);
        await run.WaitForRecordsAsync(points.Count, TimeSpan.FromSeconds(40), Sample);
        await ProcessorRun.WaitUntilAsync(() => kafka.Committed("breaker-group").SequenceEqual(kafka.EndOffsets()),
            TimeSpan.FromSeconds(30), "offsets committed to the end");
        await run.StopAsync();

        Assert.Equal(expected.Order(), AlertExpectation.DeliveredIds(kafka).Order());
        Assert.InRange(maxAwaiting, 1, options.MaxPendingWindows);
        Assert.InRange(maxPending, 0, options.MaxPendingWindows);
        Assert.Equal(0, counters.RecordsAwaitingRetry);
    }

    [Fact]
    public async Task AddedRoundTripTimeStaysCorrect()
    {
        using var kafka = new KafkaTestCluster(inputPartitions: 1);
        Dictionary<string, int[]> spikes = AlertExpectation.Spikes(series: 3, points: 100, spacing: 25);
        var points = TestSeries.Build(spikes, 0, 100);
        DeliveryResult<byte[]?, byte[]?>[] reports = await kafka.ProduceAsync(points.Select(p => p.Message));
        HashSet<string> expected = AlertExpectation.ExpectedIds(spikes, points, reports);

        kafka.Cluster.SetBrokerRoundTripTime(1, TimeSpan.FromMilliseconds(150));
        StreamProcessorOptions options = AlertExpectation.FastRetryOptions(kafka, "latency-group", messageTimeoutMs: 2000);
        var run = new ProcessorRun(options, new PatternModelRouter(new ZScoreTestModel(AlertExpectation.WindowLength)));
        await run.WaitForRecordsAsync(points.Count);
        await ProcessorRun.WaitUntilAsync(() => kafka.Committed("latency-group").SequenceEqual(kafka.EndOffsets()),
            TimeSpan.FromSeconds(30), "offsets committed to the end");
        await run.StopAsync();

        Assert.Equal(expected.Order(), AlertExpectation.DeliveredIds(kafka).Order());
    }
}
