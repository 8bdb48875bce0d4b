using Confluent.Kafka;
using GanWatch.Streaming.Kafka;

namespace GanWatch.Streaming.Tests.Kafka;

public sealed class EmbeddedKafkaClusterTests
{
    [Fact]
    public async Task ProduceThenConsumeRoundTrips()
    {
        using var cluster = EmbeddedKafkaCluster.Create(brokers: 2);
        cluster.CreateTopic("roundtrip", partitions: 2, replicationFactor: 2);
        Assert.Equal(2, cluster.BootstrapServers.Split(',').Length);

        var produced = new List<TopicPartitionOffset>();
        using (var producer = new ProducerBuilder<string, string>(
                   new ProducerConfig { BootstrapServers = cluster.BootstrapServers, EnableIdempotence = true }).Build())
        {
            for (int i = 0; i < 20; i++)
            {
                var report = await producer.ProduceAsync("roundtrip", new Message<string, string> { Key = $"k{i % 3}", Value = $"v{i}" },
                    TestContext.Current.CancellationToken);
                produced.Add(report.TopicPartitionOffset);
            }
        }

        var config = new ConsumerConfig
        {
            BootstrapServers = cluster.BootstrapServers,
            GroupId = "roundtrip-group",
            AutoOffsetReset = AutoOffsetReset.Earliest,
            SessionTimeoutMs = 6000,
        };
        using var consumer = new ConsumerBuilder<string, string>(config).Build();
        consumer.Subscribe("roundtrip");
        var values = new HashSet<string>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (values.Count < 20 && DateTime.UtcNow < deadline)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result is not null)
            {
                values.Add(result.Message.Value);
            }
        }

        consumer.Close();
        Assert.Equal(20, values.Count);
        Assert.Equal(20, produced.Distinct().Count());
    }

    [Fact]
    public void CreateTopicTwiceFails()
    {
        using var cluster = EmbeddedKafkaCluster.Create();
        cluster.CreateTopic("twice");

        var error = Assert.Throws<InvalidOperationException>(() => cluster.CreateTopic("twice"));
        Assert.Contains("twice", error.Message);
    }

    [Fact]
    public void DisposeTwiceIsHarmless()
    {
        var cluster = EmbeddedKafkaCluster.Create();
        cluster.Dispose();
        cluster.Dispose();

        Assert.Throws<ObjectDisposedException>(() => cluster.CreateTopic("after-dispose"));
    }
}
