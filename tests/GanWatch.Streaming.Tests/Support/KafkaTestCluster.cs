using System.Text;
using Confluent.Kafka;
using GanWatch.Streaming.Kafka;
using GanWatch.Streaming.Processing;

namespace GanWatch.Streaming.Tests.Support;

/// <summary>A mock cluster with input, alert and dead-letter topics, plus client helpers for tests.</summary>
internal sealed class KafkaTestCluster : IDisposable
{
    public const string InputTopic = "points";
    public const string AlertTopic = "alerts";
    public const string DeadLetterTopic = "dead-letters";

    public KafkaTestCluster(int inputPartitions = 2, int brokers = 1)
    {
        Cluster = EmbeddedKafkaCluster.Create(brokers);
        InputPartitions = inputPartitions;
        Cluster.CreateTopic(InputTopic, inputPartitions, brokers);
        Cluster.CreateTopic(AlertTopic, 1, brokers);
        Cluster.CreateTopic(DeadLetterTopic, 1, brokers);
    }

    public EmbeddedKafkaCluster Cluster { get; }

    public int InputPartitions { get; }

    public StreamProcessorOptions CreateOptions(string groupId) => new()
    {
        BootstrapServers = Cluster.BootstrapServers,
        GroupId = groupId,
        InputTopic = InputTopic,
        AlertTopic = AlertTopic,
        DeadLetterTopic = DeadLetterTopic,
        SessionTimeout = TimeSpan.FromSeconds(6),
        AutoCommitInterval = TimeSpan.FromMilliseconds(500),
        MaxBatchWait = TimeSpan.FromMilliseconds(5),
        ShutdownTimeout = TimeSpan.FromSeconds(20),
        EpisodeQuietPeriod = TimeSpan.FromSeconds(10),
    };

    public static Message<byte[]?, byte[]?> Point(string? series, DateTimeOffset ts, double value) =>
        Json(series, $$"""{"ts":"{{ts.UtcDateTime:O}}","value":{{value.ToString(System.Globalization.CultureInfo.InvariantCulture)}}}""");

    public static Message<byte[]?, byte[]?> Json(string? key, string json) => new()
    {
        Key = key is null ? null : Encoding.UTF8.GetBytes(key),
        Value = Encoding.UTF8.GetBytes(json),
    };

    /// <summary>Produces the messages in order and returns their delivery reports in the same order.</summary>
    public async Task<DeliveryResult<byte[]?, byte[]?>[]> ProduceAsync(IEnumerable<Message<byte[]?, byte[]?>> messages)
    {
        var config = new ProducerConfig { BootstrapServers = Cluster.BootstrapServers, EnableIdempotence = true, LingerMs = 2 };
        using var producer = new ProducerBuilder<byte[]?, byte[]?>(config).Build();
        Task<DeliveryResult<byte[]?, byte[]?>>[] tasks = messages
            .Select(message => producer.ProduceAsync(InputTopic, message, TestContext.Current.CancellationToken))
            .ToArray();
        return await Task.WhenAll(tasks);
    }

    /// <summary>Reads every record of <paramref name="topic"/> from the beginning up to its current end.</summary>
    public List<ConsumeResult<byte[]?, byte[]?>> ReadAll(string topic, int partitions = 1)
    {
        using IConsumer<byte[]?, byte[]?> consumer = CreatePlainConsumer();
        var results = new List<ConsumeResult<byte[]?, byte[]?>>();
        for (int p = 0; p < partitions; p++)
        {
            var partition = new TopicPartition(topic, p);
            long end = consumer.QueryWatermarkOffsets(partition, TimeSpan.FromSeconds(10)).High.Value;
            if (end == 0)
            {
                continue;
            }

            consumer.Assign(new TopicPartitionOffset(partition, Offset.Beginning));
            DateTime deadline = DateTime.UtcNow.AddSeconds(15);
            while (DateTime.UtcNow < deadline)
            {
                ConsumeResult<byte[]?, byte[]?>? result = consumer.Consume(TimeSpan.FromMilliseconds(100));
                if (result is null)
                {
                    continue;
                }

                results.Add(result);
                if (result.Offset.Value >= end - 1)
                {
                    break;
                }
            }

            consumer.Unassign();
        }

        return results;
    }

    /// <summary>Returns the committed offset of each input partition for <paramref name="groupId"/> (-1001 when none).</summary>
    public long[] Committed(string groupId)
    {
        var config = new ConsumerConfig { BootstrapServers = Cluster.BootstrapServers, GroupId = groupId, EnableAutoCommit = false };
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(config).Build();
        List<TopicPartition> partitions = Enumerable.Range(0, InputPartitions).Select(p => new TopicPartition(InputTopic, p)).ToList();
        return consumer.Committed(partitions, TimeSpan.FromSeconds(10)).OrderBy(tpo => tpo.Partition.Value).Select(tpo => tpo.Offset.Value).ToArray();
    }

    /// <summary>Returns the end offset (high watermark) of each input partition.</summary>
    public long[] EndOffsets()
    {
        using IConsumer<byte[]?, byte[]?> consumer = CreatePlainConsumer();
        return Enumerable.Range(0, InputPartitions)
            .Select(p => consumer.QueryWatermarkOffsets(new TopicPartition(InputTopic, p), TimeSpan.FromSeconds(10)).High.Value)
            .ToArray();
    }

    public void Dispose() => Cluster.Dispose();

    private IConsumer<byte[]?, byte[]?> CreatePlainConsumer() =>
        new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = Cluster.BootstrapServers,
            GroupId = "test-reader",
            EnableAutoCommit = false,
        }).Build();
}
