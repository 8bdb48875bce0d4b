using System.Diagnostics;
using Confluent.Kafka;

namespace GanWatch.Tests.Support;

/// <summary>Produces <see cref="StreamRecord"/>s to their partitions and returns the offset of each from its delivery report.</summary>
public static class StreamProducer
{
    /// <summary>
    /// Produces <paramref name="records"/> in order, at most <paramref name="recordsPerSecond"/> per second when it is
    /// positive, and waits for every delivery.
    /// </summary>
    /// <returns>The offset of each record, in the order of <paramref name="records"/>.</returns>
    /// <exception cref="InvalidOperationException">A record was not delivered.</exception>
    public static async Task<long[]> ProduceAsync(string bootstrapServers, string topic, IReadOnlyList<StreamRecord> records,
        int recordsPerSecond, CancellationToken cancellationToken)
    {
        var config = new ProducerConfig { BootstrapServers = bootstrapServers, EnableIdempotence = true, LingerMs = 2 };
        using IProducer<byte[]?, byte[]> producer = new ProducerBuilder<byte[]?, byte[]>(config).Build();
        var offsets = new long[records.Count];
        string? failure = null;
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < records.Count; i++)
        {
            int index = i;
            StreamRecord record = records[i];
            var message = new Message<byte[]?, byte[]> { Key = record.Key, Value = record.Value };
            producer.Produce(new TopicPartition(topic, record.Partition), message, report =>
            {
                if (report.Error.IsError)
                {
                    failure ??= $"record {index} ({record.Series} row {record.Row}): {report.Error.Reason}";
                }

                offsets[index] = report.Offset.Value;
            });

            if (recordsPerSecond > 0 && i % 50 == 49)
            {
                TimeSpan due = TimeSpan.FromSeconds((i + 1) / (double)recordsPerSecond);
                if (due > clock.Elapsed)
                {
                    await Task.Delay(due - clock.Elapsed, cancellationToken);
                }
            }
        }

        int left = producer.Flush(TimeSpan.FromSeconds(30));
        if (left > 0 || failure is not null)
        {
            throw new InvalidOperationException($"Failed to produce to '{topic}': {left} record(s) undelivered; first error: {failure ?? "none"}.");
        }

        return offsets;
    }
}
