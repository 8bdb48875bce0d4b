using System.Collections.Concurrent;
using Confluent.Kafka;
using GanWatch.Streaming.Processing;
using GanWatch.Streaming.Scoring;
using GanWatch.Streaming.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace GanWatch.Streaming.Tests.Processing;

/// <summary>
/// What a service manager can learn from a processor: <see cref="StreamProcessor.PartitionsAssigned"/> on joining the
/// group, and the <c>ConsumerPolls</c> heartbeat.
/// </summary>
public sealed class StreamProcessorGroupJoinTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ExtraMemberGetsEmptyAssignment()
    {
        using var kafka = new KafkaTestCluster(inputPartitions: 1);
        var router = new PatternModelRouter(new ZScoreTestModel(8));
        var first = new JoinProbe(kafka.CreateOptions("join-group"), router);
        await ProcessorRun.WaitUntilAsync(() => first.Assignments.Count > 0, Timeout, "the first member's assignment");
        var second = new JoinProbe(kafka.CreateOptions("join-group"), router);

        await ProcessorRun.WaitUntilAsync(() => second.Assignments.Count > 0, Timeout, "the second member's assignment");
        await ProcessorRun.WaitUntilAsync(() => first.Assignments.Count + second.Assignments.Count >= 3 && first.Latest + second.Latest == 1,
            Timeout, "a rebalance that gives the one partition to one member");
        await first.StopAsync();
        await second.StopAsync();

        // Each member's event fired, and the extra member's last assignment contains no partitions.
        Assert.Contains(0, new[] { first.Latest, second.Latest });
        Assert.Contains(1, new[] { first.Latest, second.Latest });
    }

    [Fact]
    public async Task IdleProcessorKeepsPolling()
    {
        using var kafka = new KafkaTestCluster(inputPartitions: 1);
        var probe = new JoinProbe(kafka.CreateOptions("idle-group"), new PatternModelRouter(new ZScoreTestModel(8)));
        await ProcessorRun.WaitUntilAsync(() => probe.Assignments.Count > 0, Timeout, "the assignment");

        long before = probe.Processor.Counters.ConsumerPolls;
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        long after = probe.Processor.Counters.ConsumerPolls;
        await probe.StopAsync();

        // Polls time out after 100 ms when no record arrives, so one idle second contains several.
        Assert.True(after - before >= 3, $"only {after - before} polls in one idle second");
        Assert.Equal(0, probe.Processor.Counters.RecordsConsumed);
    }

    /// <summary>A processor subscribed to <see cref="StreamProcessor.PartitionsAssigned"/> before it starts.</summary>
    private sealed class JoinProbe
    {
        private readonly Task _run;

        public JoinProbe(StreamProcessorOptions options, IModelRouter router)
        {
            Processor = new StreamProcessor(options, router, NullLogger<StreamProcessor>.Instance, TimeProvider.System);
            Processor.PartitionsAssigned += partitions => Assignments.Enqueue(partitions.Count);
            _run = Processor.RunAsync(TestContext.Current.CancellationToken);
        }

        public StreamProcessor Processor { get; }

        /// <summary>Partition count of every assignment, in order.</summary>
        public ConcurrentQueue<int> Assignments { get; } = new();

        public int Latest => Assignments.LastOrDefault(-1);

        public async Task StopAsync()
        {
            await Processor.StopAsync(TestContext.Current.CancellationToken);
            await _run;
        }
    }
}
