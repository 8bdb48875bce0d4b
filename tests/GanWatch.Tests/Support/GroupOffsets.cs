using Confluent.Kafka;

namespace GanWatch.Tests.Support;

/// <summary>
/// Reads a consumer group's committed offsets and a topic's end offsets. The client never subscribes, so it never
/// joins the group it reads.
/// </summary>
public sealed class GroupOffsets : IDisposable
{
    private static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(10);

    private readonly IConsumer<byte[]?, byte[]?> _consumer;
    private readonly List<TopicPartition> _partitions;

    public GroupOffsets(string bootstrapServers, string groupId, string topic, int partitions)
    {
        var config = new ConsumerConfig { BootstrapServers = bootstrapServers, GroupId = groupId, EnableAutoCommit = false };
        _consumer = new ConsumerBuilder<byte[]?, byte[]?>(config).Build();
        _partitions = Enumerable.Range(0, partitions).Select(p => new TopicPartition(topic, p)).ToList();
    }

    /// <summary>Committed offset of each partition, or -1 where the group has committed nothing.</summary>
    public long[] Committed() =>
        _consumer.Committed(_partitions, QueryTimeout)
            .OrderBy(entry => entry.Partition.Value)
            .Select(entry => entry.Offset.IsSpecial ? -1 : entry.Offset.Value)
            .ToArray();

    /// <summary>End offset (high watermark) of each partition.</summary>
    public long[] End() =>
        _partitions.Select(partition => _consumer.QueryWatermarkOffsets(partition, QueryTimeout).High.Value).ToArray();

    /// <summary>
    /// Waits until <paramref name="condition"/> holds for the committed offsets, and returns them. The output of
    /// <paramref name="daemons"/> goes into the timeout message.
    /// </summary>
    /// <exception cref="TimeoutException">The condition did not hold within <paramref name="timeout"/>.</exception>
    public async Task<long[]> WaitForCommittedAsync(Func<long[], bool> condition, string description, TimeSpan timeout,
        IEnumerable<GanWatchProcess> daemons, CancellationToken cancellationToken)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            long[] committed = Committed();
            if (condition(committed))
            {
                return committed;
            }

            if (DateTime.UtcNow > deadline)
            {
                string outputs = string.Join(Environment.NewLine, daemons.Select(d => d.Describe()));
                throw new TimeoutException(
                    $"Committed offsets [{string.Join(", ", committed)}] did not reach {description} within {timeout} (end offsets [{string.Join(", ", End())}]).{Environment.NewLine}{outputs}");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>
    /// Waits until the committed offset of every partition equals its end offset. An empty partition counts as done
    /// without a commit, because a consumer has nothing to commit there.
    /// </summary>
    public Task<long[]> WaitForEndAsync(TimeSpan timeout, IEnumerable<GanWatchProcess> daemons, CancellationToken cancellationToken)
    {
        long[] end = End();
        return WaitForCommittedAsync(committed => ReachedEnd(committed, end), $"the end offsets [{string.Join(", ", end)}]", timeout, daemons, cancellationToken);
    }

    /// <summary>Returns whether every committed offset equals its end offset, counting an empty partition without a commit as done.</summary>
    public static bool ReachedEnd(long[] committed, long[] end) =>
        committed.Length == end.Length && committed.Zip(end).All(pair => pair.First == pair.Second || (pair.Second == 0 && pair.First == -1));

    public void Dispose() => _consumer.Dispose();
}
