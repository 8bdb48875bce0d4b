using Confluent.Kafka;
using GanWatch.Streaming.Processing;

namespace GanWatch.Streaming.Kafka;

/// <summary>Builds the Confluent client settings of a <see cref="StreamProcessor"/> from its options.</summary>
internal static class KafkaClientConfigBuilder
{
    /// <summary>
    /// Consumer settings: offsets stored manually by the processor and committed in the background every
    /// <see cref="StreamProcessorOptions.AutoCommitInterval"/>; no committed offset means start at the earliest record.
    /// </summary>
    public static ConsumerConfig BuildConsumer(StreamProcessorOptions options)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = options.BootstrapServers,
            GroupId = options.GroupId,
            EnableAutoCommit = true,
            EnableAutoOffsetStore = false,
            AutoCommitIntervalMs = ToMilliseconds(options.AutoCommitInterval),
            AutoOffsetReset = AutoOffsetReset.Earliest,
            SessionTimeoutMs = ToMilliseconds(options.SessionTimeout),
            EnablePartitionEof = false,
            ClientId = "ganwatch-consumer",
        };

        foreach ((string key, string value) in options.ConsumerConfig)
        {
            config.Set(key, value);
        }

        return config;
    }

    /// <summary>Producer settings: idempotent, acknowledged by all in-sync replicas.</summary>
    public static ProducerConfig BuildProducer(StreamProcessorOptions options)
    {
        var config = new ProducerConfig
        {
            BootstrapServers = options.BootstrapServers,
            EnableIdempotence = true,
            Acks = Acks.All,
            LingerMs = 5,
            ClientId = "ganwatch-producer",
        };

        foreach ((string key, string value) in options.ProducerConfig)
        {
            config.Set(key, value);
        }

        return config;
    }

    private static int ToMilliseconds(TimeSpan value) => (int)Math.Clamp(value.TotalMilliseconds, 1, int.MaxValue);
}
