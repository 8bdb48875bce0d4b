using Confluent.Kafka;
using GanWatch.Streaming.Alerts;
using GanWatch.Streaming.Diagnostics;
using GanWatch.Streaming.Kafka;
using GanWatch.Streaming.Processing;
using GanWatch.Streaming.Scoring;
using GanWatch.Streaming.Tests.Support;

namespace GanWatch.Streaming.Tests.Processing;

public sealed class StreamProcessorLiveSettingsTests
{
    private const int WindowLength = 8;

    [Fact]
    public async Task EpisodeRuleAndTopChannelsChangeMidStream()
    {
        using var kafka = new KafkaTestCluster(inputPartitions: 1);
        var options = kafka.CreateOptions("live-rule-group");
        options.TopChannels = 0;
        options.EpisodeQuietPeriod = TimeSpan.FromSeconds(10);
        options.EpisodeEscalationFactor = 1000;

        // Spikes 9 points (9 s of record time) apart, so neither window contains the other spike.
        var spikes = new Dictionary<string, int[]> { ["rule-a"] = [30, 39, 70, 79] };
        var firstHalf = TestSeries.Build(spikes, 0, 50);
        var secondHalf = TestSeries.Build(spikes, 50, 100);
        DeliveryResult<byte[]?, byte[]?>[] firstReports = await kafka.ProduceAsync(firstHalf.Select(p => p.Message));
        var run = new ProcessorRun(options, new PatternModelRouter(new ZScoreTestModel(WindowLength)));
        await run.WaitForRecordsAsync(firstHalf.Count);

        var next = kafka.CreateOptions("live-rule-group");
        next.TopChannels = 1;
        next.EpisodeQuietPeriod = TimeSpan.FromSeconds(2);
        next.EpisodeEscalationFactor = 1000;
        SettingsUpdateResult update = run.Processor.UpdateSettings(next);
        DeliveryResult<byte[]?, byte[]?>[] secondReports = await kafka.ProduceAsync(secondHalf.Select(p => p.Message));
        await run.WaitForRecordsAsync(firstHalf.Count + secondHalf.Count);
        await run.StopAsync();

        Assert.Equal(["TopChannels", "EpisodeQuietPeriod"], update.Changed);
        Assert.Empty(update.RestartRequired);
        List<Alert> alerts = kafka.ReadAll(KafkaTestCluster.AlertTopic).Select(r => AlertSerializer.Deserialize(r.Message.Value)).ToList();
        string IdOf(DeliveryResult<byte[]?, byte[]?> report) => AlertId.Compute(report.Topic, report.Partition.Value, report.Offset.Value);

        // Before the change the spike at 39 falls inside the 10 s quiet period of the episode opened at 30; after it, the
        // 2 s quiet period closes each episode before the next spike.
        Assert.Equal([IdOf(firstReports[30]), IdOf(secondReports[70 - 50]), IdOf(secondReports[79 - 50])], alerts.Select(a => a.AlertId));
        Assert.Empty(alerts[0].TopChannels);
        Assert.Equal(new ChannelShare(0, 1.0), Assert.Single(alerts[1].TopChannels));
        Assert.Equal(1, run.Processor.Counters.SuppressedWindows);
        Assert.Equal(kafka.EndOffsets(), kafka.Committed("live-rule-group"));
    }

    [Fact]
    public async Task RepeatedUpdatesWhileRecordsFlowKeepExactlyOnce()
    {
        using var kafka = new KafkaTestCluster(inputPartitions: 2);
        Dictionary<string, int[]> spikes = Enumerable.Range(0, 6).ToDictionary(i => $"flow-{i}", i => new[] { 40 + i, 200 + i, 330 + i });
        var points = TestSeries.Build(spikes, 0, 400);
        var options = kafka.CreateOptions("live-flow-group");
        var model = new ZScoreTestModel(WindowLength, delayPerBatch: TimeSpan.FromMilliseconds(2));
        var run = new ProcessorRun(options, new PatternModelRouter(model));

        // Two valid settings that differ in every live option, swapped back and forth while the stream is consumed.
        StreamProcessorOptions small = kafka.CreateOptions("live-flow-group");
        small.MaxBatchSize = 2;
        small.MaxBatchWait = TimeSpan.Zero;
        small.MaxPendingWindows = 16;
        small.TopChannels = 1;
        StreamProcessorOptions large = kafka.CreateOptions("live-flow-group");
        large.MaxBatchSize = 128;
        large.MaxBatchWait = TimeSpan.FromMilliseconds(30);
        large.MaxPendingWindows = 4096;
        large.TopChannels = 2;
        large.EpisodeQuietPeriod = TimeSpan.FromSeconds(20);
        large.MaxValueBytes = 4096;
        int updates = 0;
        Task<DeliveryResult<byte[]?, byte[]?>[]> producing = kafka.ProduceAsync(points.Select(p => p.Message));
        await run.WaitForRecordsAsync(points.Count, TimeSpan.FromSeconds(60), () =>
        {
            run.Processor.UpdateSettings(updates % 2 == 0 ? small : large);
            updates++;
        });
        DeliveryResult<byte[]?, byte[]?>[] reports = await producing;
        await run.StopAsync();

        StreamCounters counters = run.Processor.Counters;
        Assert.True(updates >= 20, $"only {updates} updates ran while records flowed");
        Assert.Equal(points.Count, counters.RecordsConsumed);
        Assert.Equal(points.Count, counters.WarmUpRecords + counters.WindowsScored);
        Assert.Equal(spikes.Count * (WindowLength - 1), counters.WarmUpRecords);
        var expected = points.Zip(reports)
            .Where(pair => spikes[pair.First.Series].Contains(pair.First.Index))
            .Select(pair => AlertId.Compute(pair.Second.Topic, pair.Second.Partition.Value, pair.Second.Offset.Value))
            .Order()
            .ToList();
        List<string> alertIds = kafka.ReadAll(KafkaTestCluster.AlertTopic).Select(r => AlertSerializer.Deserialize(r.Message.Value).AlertId).Order().ToList();
        Assert.Equal(expected, alertIds);
        Assert.Equal(kafka.EndOffsets(), kafka.Committed("live-flow-group"));
    }

    [Fact]
    public void UpdateReportsRestartOnlySettings()
    {
        var running = new StreamProcessorOptions { BootstrapServers = "127.0.0.1:1", InputTopic = "points" };
        var processor = new StreamProcessor(running, new PatternModelRouter(new ZScoreTestModel(WindowLength)),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<StreamProcessor>.Instance, TimeProvider.System);
        var next = new StreamProcessorOptions
        {
            BootstrapServers = "127.0.0.1:2",
            InputTopic = "points",
            GroupId = "other",
            ConsumerConfig = new Dictionary<string, string> { ["fetch.max.bytes"] = "1048576" },
            MaxBatchSize = 8,
        };

        SettingsUpdateResult update = processor.UpdateSettings(next);

        Assert.Equal(["BootstrapServers", "GroupId", "ConsumerConfig"], update.RestartRequired);
        Assert.Equal(["MaxBatchSize"], update.Changed);
        Assert.Throws<ArgumentException>(() => processor.UpdateSettings(new StreamProcessorOptions()));
    }

    [Fact]
    public void UpdateReportsSecurityChangeAsRestart()
    {
        var running = new StreamProcessorOptions { BootstrapServers = "127.0.0.1:1", InputTopic = "points" };
        var processor = new StreamProcessor(running, new PatternModelRouter(new ZScoreTestModel(WindowLength)),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<StreamProcessor>.Instance, TimeProvider.System);
        var same = new StreamProcessorOptions { BootstrapServers = "127.0.0.1:1", InputTopic = "points" };
        var next = new StreamProcessorOptions
        {
            BootstrapServers = "127.0.0.1:1",
            InputTopic = "points",
            Security = new KafkaSecurityOptions { Protocol = KafkaSecurityProtocol.SaslPlaintext, Username = "ganwatch", Password = "changed-secret" },
            PublishResilience = new PublishResilienceOptions { MaxRetries = 3 },
        };

        Assert.Empty(processor.UpdateSettings(same).RestartRequired);
        Assert.Equal(["Security", "PublishResilience"], processor.UpdateSettings(next).RestartRequired);
    }
}
