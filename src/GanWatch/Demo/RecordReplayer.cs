using System.Globalization;
using System.Text;
using Confluent.Kafka;

namespace GanWatch.Demo;

/// <summary>Produces demo records into the input topic as the daemon's JSON input format, keyed by series id.</summary>
internal static class RecordReplayer
{
    /// <summary>
    /// Produces every record, then the given malformed values, and waits for all deliveries. Returns the partition and
    /// offset of each good record, in input order.
    /// </summary>
    /// <exception cref="InvalidOperationException">A record was not delivered.</exception>
    /// <param name="bootstrapServers">The cluster.</param>
    /// <param name="topic">The input topic.</param>
    /// <param name="records">The records, produced with their series as key.</param>
    /// <param name="malformed">Keys and values produced after the records.</param>
    /// <param name="toJson">Writes a record's value; null writes the point format with <c>ts</c> and <c>value</c>.</param>
    public static TopicPartitionOffset[] Produce(
        string bootstrapServers,
        string topic,
        IReadOnlyList<DemoRecord> records,
        IReadOnlyList<(string Key, string Value)> malformed,
        Func<DemoRecord, string>? toJson = null)
    {
        var config = new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            EnableIdempotence = true,
            LingerMs = 5,
        };

        using IProducer<string, byte[]> producer = new ProducerBuilder<string, byte[]>(config).Build();
        var positions = new TopicPartitionOffset[records.Count];
        string? failure = null;
        for (int i = 0; i < records.Count; i++)
        {
            int index = i;
            DemoRecord record = records[i];
            string json = toJson?.Invoke(record) ?? string.Create(
                CultureInfo.InvariantCulture,
                $"{{\"ts\":\"{record.Timestamp.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}\",\"value\":{record.Value:R}}}");
            ProduceWithRetry(producer, topic, record.Series, Encoding.UTF8.GetBytes(json), report =>
            {
                if (report.Error.IsError)
                {
                    failure ??= $"record {index} of series '{record.Series}': {report.Error.Reason}";
                }

                positions[index] = report.TopicPartitionOffset;
            });
        }

        foreach ((string key, string value) in malformed)
        {
            ProduceWithRetry(producer, topic, key, Encoding.UTF8.GetBytes(value), report =>
            {
                if (report.Error.IsError)
                {
                    failure ??= $"malformed record for '{key}': {report.Error.Reason}";
                }
            });
        }

        producer.Flush(TimeSpan.FromMinutes(2));
        if (failure is not null)
        {
            throw new InvalidOperationException($"Failed to replay the demo stream into '{topic}': {failure}.");
        }

        return positions;
    }

    private static void ProduceWithRetry(IProducer<string, byte[]> producer, string topic, string key, byte[] value, Action<DeliveryReport<string, byte[]>> handler)
    {
        while (true)
        {
            try
            {
                producer.Produce(topic, new Message<string, byte[]> { Key = key, Value = value }, handler);
                return;
            }
            catch (ProduceException<string, byte[]> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
            {
                // The local queue is full: let deliveries drain, then try the same record again.
                producer.Poll(TimeSpan.FromMilliseconds(50));
            }
        }
    }
}
