using Confluent.Kafka;

namespace GanWatch.Streaming.Offsets;

/// <summary>
/// Tracks in-flight records per partition so that offsets can complete out of order while the stored offset never
/// passes an incomplete record.
/// </summary>
/// <remarks>
/// The offset to store for a partition is its lowest incomplete offset, or the highest tracked offset + 1 when every
/// tracked record has completed. Not thread-safe: the consumer thread owns the instance, and other threads hand
/// completions to it through a queue.
/// </remarks>
public sealed class OffsetTracker
{
    private readonly Dictionary<TopicPartition, PartitionState> _partitions = [];

    /// <summary>Records in flight over all partitions.</summary>
    public int InFlightCount { get; private set; }

    /// <summary>Starts tracking <paramref name="offset"/> of <paramref name="partition"/> as in flight.</summary>
    /// <exception cref="ArgumentException">The offset is not above the partition's highest tracked offset.</exception>
    public void Track(TopicPartition partition, long offset)
    {
        if (!_partitions.TryGetValue(partition, out PartitionState? state))
        {
            state = new PartitionState();
            _partitions.Add(partition, state);
        }

        if (offset <= state.HighestTracked)
        {
            throw new ArgumentException(
                $"Offset {offset} of {partition} is not above the highest tracked offset {state.HighestTracked}; offsets must be tracked in consume order.",
                nameof(offset));
        }

        state.HighestTracked = offset;
        state.InFlight.Add(offset);
        InFlightCount++;
    }

    /// <summary>Marks a tracked record complete.</summary>
    /// <returns>False when the offset is not in flight, for example because its partition was removed.</returns>
    public bool Complete(TopicPartition partition, long offset)
    {
        if (!_partitions.TryGetValue(partition, out PartitionState? state) || !state.InFlight.Remove(offset))
        {
            return false;
        }

        InFlightCount--;
        return true;
    }

    /// <summary>Returns the number of in-flight records of <paramref name="partition"/>.</summary>
    public int InFlightCountOf(TopicPartition partition) =>
        _partitions.TryGetValue(partition, out PartitionState? state) ? state.InFlight.Count : 0;

    /// <summary>
    /// Gets the offset to store for <paramref name="partition"/>: the lowest incomplete offset, or the highest tracked + 1.
    /// </summary>
    /// <returns>False when nothing was tracked for the partition.</returns>
    public bool TryGetCommitOffset(TopicPartition partition, out long offset)
    {
        offset = 0;
        if (!_partitions.TryGetValue(partition, out PartitionState? state) || state.HighestTracked < 0)
        {
            return false;
        }

        offset = state.InFlight.Count > 0 ? state.InFlight.Min : state.HighestTracked + 1;
        return true;
    }

    /// <summary>Partitions with tracked records.</summary>
    public IReadOnlyCollection<TopicPartition> Partitions => _partitions.Keys;

    /// <summary>Forgets <paramref name="partition"/>; later completions for it return false.</summary>
    public void Remove(TopicPartition partition)
    {
        if (_partitions.Remove(partition, out PartitionState? state))
        {
            InFlightCount -= state.InFlight.Count;
        }
    }

    private sealed class PartitionState
    {
        public SortedSet<long> InFlight { get; } = [];

        public long HighestTracked { get; set; } = -1;
    }
}
