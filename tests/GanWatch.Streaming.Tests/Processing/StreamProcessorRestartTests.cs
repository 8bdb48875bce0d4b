using Confluent.Kafka;
using GanWatch.Streaming.Alerts;
using GanWatch.Streaming.Scoring;
using GanWatch.Streaming.Tests.Support;

namespace GanWatch.Streaming.Tests.Processing;

public sealed class StreamProcessorRestartTests
{
    private const int WindowLength = 8;

    [Fact]
    public async Task RestartResumesWindowsWithoutDuplicateAlerts()
    {
        using var kafka = new KafkaTestCluster();
        Dictionary<string, int[]> spikes = Enumerable.Range(0, 6).ToDictionary(i => $"host-{i}", i => new[] { 25 + i, 60 + i });
        var router = new PatternModelRouter(new ZScoreTestModel(WindowLength));
        var firstHalf = TestSeries.Build(spikes, 0, 50);
        var secondHalf = TestSeries.Build(spikes, 50, 100);

        DeliveryResult<byte[]?, byte[]?>[] firstReports = await kafka.ProduceAsync(firstHalf.Select(p => p.Message));
        var first = new ProcessorRun(kafka.CreateOptions("restart-group"), router);
        await first.WaitForRecordsAsync(firstHalf.Count);
        await first.StopAsync();

        DeliveryResult<byte[]?, byte[]?>[] secondReports = await kafka.ProduceAsync(secondHalf.Select(p => p.Message));
        var options = kafka.CreateOptions("restart-group");
        
        // Enough to refill every series' window even when all six series share one partition.
        options.RewindRecords = 6 * (WindowLength - 1);
        var second = new ProcessorRun(options, router);
        await second.WaitForRecordsAsync(secondHalf.Count);
        await second.StopAsync();

        var counters = second.Processor.Counters;
        Assert.Equal(secondHalf.Count, counters.RecordsConsumed);
        Assert.Equal(0, counters.WarmUpRecords);
        Assert.Equal(secondHalf.Count, counters.WindowsScored);
        long expectedReplayed = firstReports.GroupBy(r => r.Partition.Value).Sum(g => Math.Min(options.RewindRecords, g.Count()));
        Assert.Equal(expectedReplayed, counters.RecordsReplayed);

        var expectedIds = firstHalf.Zip(firstReports).Concat(secondHalf.Zip(secondReports))
            .Where(pair => spikes[pair.First.Series].Contains(pair.First.Index))
            .Select(pair => AlertId.Compute(pair.Second.Topic, pair.Second.Partition.Value, pair.Second.Offset.Value))
            .Order()
            .ToList();
        List<string> alertIds = kafka.ReadAll(KafkaTestCluster.AlertTopic)
            .Select(r => AlertSerializer.Deserialize(r.Message.Value).AlertId)
            .Order()
            .ToList();
        Assert.Equal(expectedIds, alertIds);
        Assert.Equal(kafka.EndOffsets(), kafka.Committed("restart-group"));
    }
}
