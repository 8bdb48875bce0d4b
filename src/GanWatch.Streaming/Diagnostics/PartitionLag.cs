using System.Collections.Concurrent;
using Confluent.Kafka;

namespace GanWatch.Streaming.Diagnostics;

/// <summary>
/// Consumer lag per assigned input partition: the partition's high watermark minus the consumer's position, in records.
/// The consumer thread writes it about once a second; any thread may read it.
/// </summary>
/// <remarks>
/// Both numbers are the consumer's cached values, so reading them never waits for a broker. NOTE: librdkafka refreshes
/// the high watermark with each fetch response, so while partitions are paused for back-pressure the lag shows the last
/// value fetched before the pause.
/// </remarks>
public sealed class PartitionLag
{
    private readonly ConcurrentDictionary<TopicPartition, long> _lag = new();

    /// <summary>Returns a copy of the latest lag of every partition that has one, in records.</summary>
    public IReadOnlyDictionary<TopicPartition, long> Snapshot() => new Dictionary<TopicPartition, long>(_lag);

    internal void Set(TopicPartition partition, long records) => _lag[partition] = Math.Max(records, 0);

    internal void Remove(TopicPartition partition) => _lag.TryRemove(partition, out _);
}
