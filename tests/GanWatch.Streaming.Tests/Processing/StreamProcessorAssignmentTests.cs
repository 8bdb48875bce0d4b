using System.Collections.Concurrent;
using GanWatch.Streaming.Processing;
using GanWatch.Streaming.Scoring;
using GanWatch.Streaming.Tests.Support;

namespace GanWatch.Streaming.Tests.Processing;

public sealed class StreamProcessorAssignmentTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task PartitionZeroMovesToRemainingMember()
    {
        using var kafka = new KafkaTestCluster(inputPartitions: 2);
        var router = new PatternModelRouter(new ZScoreTestModel(8));
        StreamProcessorOptions options = kafka.CreateOptions("owner-group");
        var firstRevocations = new ConcurrentQueue<int[]>();
        var secondRevocations = new ConcurrentQueue<int[]>();

        var first = new ProcessorRun(options, router, processor => Record(processor, firstRevocations));
        await ProcessorRun.WaitUntilAsync(() => first.Processor.AssignedPartitions.Count == 2, Timeout, "the first member to hold both partitions");
        Assert.True(first.Processor.IsAssigned(0));

        var second = new ProcessorRun(options, router, processor => Record(processor, secondRevocations));
        await ProcessorRun.WaitUntilAsync(
            () => first.Processor.AssignedPartitions.Count == 1 && second.Processor.AssignedPartitions.Count == 1,
            Timeout, "the members to split the partitions");
        Assert.NotEqual(first.Processor.IsAssigned(0), second.Processor.IsAssigned(0));
        Assert.Contains(firstRevocations, partitions => partitions.Contains(0));

        (ProcessorRun owner, ProcessorRun other, ConcurrentQueue<int[]> ownerRevocations) = first.Processor.IsAssigned(0)
            ? (first, second, firstRevocations)
            : (second, first, secondRevocations);
        int revocationsBeforeStop = ownerRevocations.Count;
        await owner.StopAsync();
        Assert.Empty(owner.Processor.AssignedPartitions);
        Assert.Contains(0, ownerRevocations.Skip(revocationsBeforeStop).SelectMany(partitions => partitions));

        await ProcessorRun.WaitUntilAsync(() => other.Processor.AssignedPartitions.Count == 2, Timeout, "the remaining member to take both partitions");
        Assert.True(other.Processor.IsAssigned(0));
        await other.StopAsync();
        Assert.Empty(other.Processor.AssignedPartitions);
    }

    private static void Record(StreamProcessor processor, ConcurrentQueue<int[]> revocations) =>
        processor.PartitionsRevoked += partitions => revocations.Enqueue(partitions.Select(p => p.Partition.Value).ToArray());
}
