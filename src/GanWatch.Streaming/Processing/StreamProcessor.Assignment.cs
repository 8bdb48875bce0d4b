using System.Collections.Immutable;
using Confluent.Kafka;

namespace GanWatch.Streaming.Processing;

/// <summary>Which input partitions the processor holds, for work that only one member of the group should do.</summary>
public sealed partial class StreamProcessor
{
    private readonly object _assignmentGate = new();
    private ImmutableHashSet<int> _assignedPartitions = [];

    /// <summary>
    /// Raised on the consumer thread each time the group assigns partitions, after the start offsets are chosen. The
    /// first call means the processor has joined the group. Exceptions from handlers are logged and ignored.
    /// </summary>
    public event Action<IReadOnlyList<TopicPartition>>? PartitionsAssigned;

    /// <summary>
    /// Raised on the consumer thread when partitions are revoked (at the start of the revoke, before their in-flight
    /// records finish) or lost, and at the end of a graceful stop. Exceptions from handlers are logged and ignored.
    /// </summary>
    public event Action<IReadOnlyList<TopicPartition>>? PartitionsRevoked;

    /// <summary>Partition numbers of the input topic assigned to this processor now; empty before it joins and after it stops.</summary>
    public IReadOnlySet<int> AssignedPartitions => Volatile.Read(ref _assignedPartitions);

    /// <summary>Returns whether input partition <paramref name="partition"/> is assigned to this processor now. Thread-safe.</summary>
    public bool IsAssigned(int partition) => Volatile.Read(ref _assignedPartitions).Contains(partition);

    private void OnAssigned(IReadOnlyList<TopicPartition> partitions)
    {
        // Incremental (cooperative) assignments add to the held set; eager ones arrive after a revoke of everything.
        lock (_assignmentGate)
        {
            _assignedPartitions = _assignedPartitions.Union(partitions.Select(partition => partition.Partition.Value));
        }

        PartitionsAssigned?.Invoke(partitions);
    }

    private void OnRevoked(IReadOnlyList<TopicPartition> partitions)
    {
        lock (_assignmentGate)
        {
            _assignedPartitions = _assignedPartitions.Except(partitions.Select(partition => partition.Partition.Value));
        }

        PartitionsRevoked?.Invoke(partitions);
    }

    private void ClearAssignment()
    {
        lock (_assignmentGate)
        {
            _assignedPartitions = [];
        }
    }
}
