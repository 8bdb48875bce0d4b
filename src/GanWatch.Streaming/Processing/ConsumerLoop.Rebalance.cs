using Confluent.Kafka;
using GanWatch.Streaming.Diagnostics;

namespace GanWatch.Streaming.Processing;

/// <summary>Rebalance handling. librdkafka calls these handlers on the consumer thread, inside Consume or Close.</summary>
internal sealed partial class ConsumerLoop
{
    private static readonly TimeSpan BrokerQueryTimeout = TimeSpan.FromSeconds(10);

    private IEnumerable<TopicPartitionOffset> OnPartitionsAssigned(IConsumer<byte[]?, byte[]?> consumer, List<TopicPartition> partitions)
    {
        Log.PartitionsAssigned(_logger, string.Join(", ", partitions));
        var starts = new List<TopicPartitionOffset>(partitions.Count);
        List<TopicPartitionOffset> committed;
        try
        {
            committed = consumer.Committed(partitions, BrokerQueryTimeout);
        }
        catch (KafkaException error)
        {
            // Without committed offsets there is nothing to rewind to; start at the committed offset as usual.
            Log.CommitFailed(_logger, $"reading committed offsets failed: {error.Error.Reason}");
            committed = partitions.Select(partition => new TopicPartitionOffset(partition, Offset.Unset)).ToList();
        }

        foreach (TopicPartitionOffset entry in committed)
        {
            starts.Add(ChooseStart(consumer, entry));
        }

        _pauseDirty = _paused;
        Notify(_onAssigned, partitions);
        return starts;
    }

    /// <summary>
    /// Starts <see cref="StreamProcessorOptions.RewindRecords"/> before the committed offset (not below the low watermark)
    /// and remembers the committed offset, so the records in between only rebuild windows.
    /// </summary>
    private TopicPartitionOffset ChooseStart(IConsumer<byte[]?, byte[]?> consumer, TopicPartitionOffset committed)
    {
        int rewindRecords = _live.Current.RewindRecords;
        if (committed.Offset.IsSpecial || rewindRecords == 0)
        {
            return new TopicPartitionOffset(committed.TopicPartition, Offset.Unset);
        }

        long committedOffset = committed.Offset.Value;
        long low;
        try
        {
            low = consumer.QueryWatermarkOffsets(committed.TopicPartition, BrokerQueryTimeout).Low.Value;
        }
        catch (KafkaException error)
        {
            Log.ConsumeFailed(_logger, committed.TopicPartition.ToString(), $"reading the low watermark failed, so no rewind: {error.Error.Reason}");
            return new TopicPartitionOffset(committed.TopicPartition, committedOffset);
        }

        long start = Math.Max(committedOffset - rewindRecords, Math.Max(low, 0));
        if (start < committedOffset)
        {
            _replayUntil[committed.TopicPartition] = committedOffset;
            Log.Rewinding(_logger, committed.TopicPartition.ToString(), start, committedOffset);
        }

        return new TopicPartitionOffset(committed.TopicPartition, start);
    }

    private void Notify(Action<IReadOnlyList<TopicPartition>> handler, List<TopicPartition> partitions)
    {
        try
        {
            handler(partitions);
        }
        catch (Exception error)
        {
            Log.Failed(_logger, error);
        }
    }

    private void OnPartitionsRevoked(IConsumer<byte[]?, byte[]?> consumer, List<TopicPartitionOffset> revoked)
    {
        List<TopicPartition> partitions = revoked.Select(entry => entry.TopicPartition).ToList();
        Log.PartitionsRevoked(_logger, string.Join(", ", partitions));

        // Ownership ends when the revoke starts, before the in-flight records finish, so that work tied to a partition
        // (such as fine-tuning by the owner of partition 0) stops as early as possible.
        Notify(_onRevoked, partitions);
        if (!_shuttingDown)
        {
            WaitForInFlight(partitions);
        }

        DrainCompletions();
        StoreOffsets();
        var offsets = new List<TopicPartitionOffset>();
        foreach (TopicPartition partition in partitions)
        {
            if (_tracker.TryGetCommitOffset(partition, out long offset))
            {
                offsets.Add(new TopicPartitionOffset(partition, offset));
            }
        }

        if (offsets.Count > 0)
        {
            try
            {
                consumer.Commit(offsets);
            }
            catch (KafkaException error)
            {
                Log.CommitFailed(_logger, error.Error.Reason);
            }
        }

        DropPartitions(partitions);
    }

    private void OnPartitionsLost(IConsumer<byte[]?, byte[]?> consumer, List<TopicPartitionOffset> lost)
    {
        List<TopicPartition> partitions = lost.Select(entry => entry.TopicPartition).ToList();
        Log.PartitionsLost(_logger, string.Join(", ", partitions));
        Notify(_onRevoked, partitions);
        DropPartitions(partitions);
    }

    private void WaitForInFlight(List<TopicPartition> partitions)
    {
        long started = _time.GetTimestamp();
        while (_fault is null)
        {
            _counters.AddPoll();
            DrainCompletions();
            int inFlight = partitions.Sum(_tracker.InFlightCountOf);
            if (inFlight == 0)
            {
                return;
            }

            if (_time.GetElapsedTime(started) >= _options.ShutdownTimeout)
            {
                Log.RevokeWaitTimedOut(_logger, _options.ShutdownTimeout, inFlight, string.Join(", ", partitions));
                return;
            }

            Thread.Sleep(5);
        }
    }

    private void DropPartitions(List<TopicPartition> partitions)
    {
        var dropped = new HashSet<TopicPartition>(partitions);
        foreach (TopicPartition partition in partitions)
        {
            _tracker.Remove(partition);
            _replayUntil.Remove(partition);
            _lastStored.Remove(partition);
            _counters.ConsumerLag.Remove(partition);
        }

        foreach (string seriesId in _series.Where(pair => dropped.Contains(pair.Value.Partition)).Select(pair => pair.Key).ToList())
        {
            _series.Remove(seriesId);
        }
    }
}
