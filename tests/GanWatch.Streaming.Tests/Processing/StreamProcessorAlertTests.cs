using System.Text;
using Confluent.Kafka;
using GanWatch.Streaming.Alerts;
using GanWatch.Streaming.Scoring;
using GanWatch.Streaming.Tests.Support;

namespace GanWatch.Streaming.Tests.Processing;

public sealed class StreamProcessorAlertTests
{
    private const int WindowLength = 8;

    private static readonly Dictionary<string, int[]> Spikes = new()
    {
        ["cpu-a"] = [30, 70],
        ["cpu-b"] = [50],
        ["mem-c"] = [],
    };

    [Fact]
    public async Task SpikesAlertAndNormalPointsDoNot()
    {
        using var kafka = new KafkaTestCluster();
        var model = new ZScoreTestModel(WindowLength);
        var points = TestSeries.Build(Spikes, 0, 100);
        DeliveryResult<byte[]?, byte[]?>[] reports = await kafka.ProduceAsync(points.Select(p => p.Message));

        var run = new ProcessorRun(kafka.CreateOptions("alerts-group"), new PatternModelRouter(model));
        await run.WaitForRecordsAsync(points.Count);
        await run.StopAsync();

        var expected = new Dictionary<string, (string Series, int Index, TopicPartitionOffset Source)>();
        for (int i = 0; i < points.Count; i++)
        {
            if (Spikes[points[i].Series].Contains(points[i].Index))
            {
                TopicPartitionOffset source = reports[i].TopicPartitionOffset;
                expected.Add(AlertId.Compute(source.Topic, source.Partition.Value, source.Offset.Value), (points[i].Series, points[i].Index, source));
            }
        }

        List<Alert> alerts = kafka.ReadAll(KafkaTestCluster.AlertTopic).Select(r => AlertSerializer.Deserialize(r.Message.Value)).ToList();
        Assert.Equal(expected.Keys.Order(), alerts.Select(a => a.AlertId).Order());
        foreach (Alert alert in alerts)
        {
            (string series, int index, TopicPartitionOffset source) = expected[alert.AlertId];
            Assert.Equal(series, alert.Series);
            Assert.Equal(TestSeries.TimeOf(index), alert.Timestamp);
            Assert.Equal(TestSeries.TimeOf(index - WindowLength + 1), alert.WindowStart);
            Assert.Equal(alert.Timestamp, alert.WindowEnd);
            Assert.True(alert.Score > alert.Threshold, $"score {alert.Score} should exceed threshold {alert.Threshold}");
            Assert.Equal("zscore-test-1", alert.ModelVersion);
            Assert.Equal(new AlertSource(source.Topic, source.Partition.Value, source.Offset.Value), alert.Source);
            Assert.Equal(new ChannelShare(0, 1.0), Assert.Single(alert.TopChannels));
            Assert.Equal(1, alert.Episode.Windows);
            Assert.Equal(alert.Timestamp, alert.Episode.StartedAt);
        }

        Assert.Equal(points.Count, run.Processor.Counters.RecordsConsumed);
        Assert.Equal(Spikes.Count * (WindowLength - 1), run.Processor.Counters.WarmUpRecords);
        Assert.Equal(points.Count - Spikes.Count * (WindowLength - 1), run.Processor.Counters.WindowsScored);
        Assert.Equal(expected.Count, run.Processor.Counters.Alerts);
        Assert.Empty(kafka.ReadAll(KafkaTestCluster.DeadLetterTopic));
    }

    [Fact]
    public async Task AlertKeyIsSeriesAndJsonUsesContractNames()
    {
        using var kafka = new KafkaTestCluster(inputPartitions: 1);
        var points = TestSeries.Build(new Dictionary<string, int[]> { ["disk-1"] = [20] }, 0, 30);
        await kafka.ProduceAsync(points.Select(p => p.Message));

        var run = new ProcessorRun(kafka.CreateOptions("json-group"), new PatternModelRouter(new ZScoreTestModel(WindowLength)));
        await run.WaitForRecordsAsync(points.Count);
        await run.StopAsync();

        ConsumeResult<byte[]?, byte[]?> record = Assert.Single(kafka.ReadAll(KafkaTestCluster.AlertTopic));
        Assert.Equal("disk-1", Encoding.UTF8.GetString(record.Message.Key!));
        string json = Encoding.UTF8.GetString(record.Message.Value!);
        foreach (string name in new[] { "alertId", "series", "timestamp", "score", "threshold", "modelVersion", "windowStart", "windowEnd", "topChannels", "channel", "share", "source", "topic", "partition", "offset", "episode", "startedAt", "windows", "suppressed" })
        {
            Assert.Contains($"\"{name}\":", json);
        }

        Assert.Contains("\"timestamp\":\"2026-01-01T00:00:20+00:00\"", json);
    }

    [Fact]
    public async Task GracefulStopCommitsEndOffsets()
    {
        using var kafka = new KafkaTestCluster();
        Dictionary<string, int[]> spikes = Enumerable.Range(0, 8).ToDictionary(i => $"series-{i}", i => new[] { 20 + i });
        var points = TestSeries.Build(spikes, 0, 60);
        await kafka.ProduceAsync(points.Select(p => p.Message));

        var run = new ProcessorRun(kafka.CreateOptions("commit-group"), new PatternModelRouter(new ZScoreTestModel(WindowLength)));
        await run.WaitForRecordsAsync(points.Count);
        await run.StopAsync();

        long[] ends = kafka.EndOffsets();
        Assert.Equal(points.Count, ends.Sum());
        Assert.All(ends, end => Assert.True(end > 0, "every input partition should hold records"));
        Assert.Equal(ends, kafka.Committed("commit-group"));
    }
}
