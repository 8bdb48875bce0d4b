using Confluent.Kafka;

namespace GanWatch.Tests.Support;

/// <summary>Reads whole topics with a plain consumer outside any daemon group, and queries a group's committed offsets.</summary>
public static class TopicReader
{
    /// <summary>Reads every record of <paramref name="topic"/> from the beginning up to the end of each partition.</summary>
    /// <exception cref="TimeoutException">The end of some partition was not reached within <paramref name="timeout"/>.</exception>
    public static List<ConsumeResult<byte[]?, byte[]?>> ReadAll(string bootstrapServers, string topic, int partitions, TimeSpan timeout)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "test-reader-" + Guid.NewGuid().ToString("N"),
            EnableAutoCommit = false,
            EnablePartitionEof = true,
            AutoOffsetReset = AutoOffsetReset.Earliest,
        };

        using IConsumer<byte[]?, byte[]?> consumer = new ConsumerBuilder<byte[]?, byte[]?>(config).Build();
        consumer.Assign(Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var records = new List<ConsumeResult<byte[]?, byte[]?>>();
        var finished = new HashSet<int>();
        DateTime deadline = DateTime.UtcNow + timeout;
        while (finished.Count < partitions)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Read {records.Count} record(s) of '{topic}' but reached the end of only {finished.Count} of {partitions} partition(s) within {timeout}.");
            }

            ConsumeResult<byte[]?, byte[]?>? result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result is null)
            {
                continue;
            }

            if (result.IsPartitionEOF)
            {
                finished.Add(result.Partition.Value);
            }
            else
            {
                records.Add(result);
            }
        }

        consumer.Close();
        return records;
    }
}
