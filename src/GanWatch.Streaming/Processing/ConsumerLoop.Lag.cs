using Confluent.Kafka;

namespace GanWatch.Streaming.Processing;

/// <summary>Consumer lag sampling on the consumer thread.</summary>
internal sealed partial class ConsumerLoop
{
    private static readonly TimeSpan LagInterval = TimeSpan.FromSeconds(1);

    private long _lagSampledAt;

    /// <summary>
    /// Stores, about once per <see cref="LagInterval"/>, the high watermark minus the position of every assigned
    /// partition. Partitions with no fetched watermark or no position yet are skipped.
    /// </summary>
    private void UpdateLag()
    {
        if (_lagSampledAt != 0 && _time.GetElapsedTime(_lagSampledAt) < LagInterval)
        {
            return;
        }

        _lagSampledAt = _time.GetTimestamp();
        foreach (TopicPartition partition in _consumer!.Assignment)
        {
            Offset high = _consumer.GetWatermarkOffsets(partition).High;
            Offset position;
            try
            {
                position = _consumer.Position(partition);
            }
            catch (KafkaException)
            {
                // The partition was revoked between reading the assignment and its position; the next sample skips it.
                continue;
            }

            if (!high.IsSpecial && !position.IsSpecial)
            {
                _counters.ConsumerLag.Set(partition, high.Value - position.Value);
            }
        }
    }
}
