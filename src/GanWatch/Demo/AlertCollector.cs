using Confluent.Kafka;
using GanWatch.Streaming.Alerts;

namespace GanWatch.Demo;

/// <summary>Reads every alert on the alert topic with a plain consumer that is not part of the daemon's group.</summary>
internal static class AlertCollector
{
    /// <summary>Reads the topic from the beginning until every partition reports its end.</summary>
    public static IReadOnlyList<Alert> ReadAll(string bootstrapServers, string topic, int partitions, TimeSpan timeout)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "ganwatch-demo-reader-" + Guid.NewGuid().ToString("N"),
            EnableAutoCommit = false,
            EnablePartitionEof = true,
            AutoOffsetReset = AutoOffsetReset.Earliest,
        };

        using IConsumer<string, byte[]> consumer = new ConsumerBuilder<string, byte[]>(config).Build();
        consumer.Assign(Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));

        var alerts = new List<Alert>();
        var finished = new HashSet<int>();
        DateTime deadline = DateTime.UtcNow + timeout;
        while (finished.Count < partitions && DateTime.UtcNow < deadline)
        {
            ConsumeResult<string, byte[]>? result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result is null)
            {
                continue;
            }

            if (result.IsPartitionEOF)
            {
                finished.Add(result.Partition.Value);
                continue;
            }

            alerts.Add(AlertSerializer.Deserialize(result.Message.Value));
        }

        consumer.Close();
        return alerts;
    }
}
