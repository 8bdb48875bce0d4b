using Confluent.Kafka;
using GanWatch.Streaming.Kafka;

namespace GanWatch.Streaming.ModelDistribution;

/// <summary>Builds the Confluent client settings of the model topic's publisher and reader.</summary>
internal static class ModelTopicClients
{
    /// <summary>Consumer settings the reader must not take from <see cref="ModelTopicSettings.ConsumerConfig"/>, because it assigns partitions itself.</summary>
    private static readonly string[] GroupMembershipKeys = ["partition.assignment.strategy", "enable.auto.commit", "enable.auto.offset.store", "auto.offset.reset"];

    /// <summary>
    /// Producer settings: the extra settings first, then idempotence, acks=all, no batching delay, and no automatic topic
    /// creation, so that a metadata request never creates the model topic with the broker's default (deleting) cleanup policy.
    /// </summary>
    public static ProducerConfig BuildProducer(ModelTopicSettings settings, KafkaSecrets secrets)
    {
        var config = new ProducerConfig();
        foreach ((string key, string value) in settings.ProducerConfig)
        {
            config.Set(key, value);
        }

        config.BootstrapServers = settings.BootstrapServers;
        config.EnableIdempotence = true;
        config.Acks = Acks.All;
        config.LingerMs = 0;
        config.AllowAutoCreateTopics = false;
        config.ClientId = "ganwatch-model-publisher";
        KafkaClientConfigBuilder.ApplySecurity(config, settings.Security, secrets);
        return config;
    }

    /// <summary>
    /// Consumer settings for a reader that assigns every partition itself: no commits, partition EOF events so that it
    /// detects when it has read to the end. The client requires a group id, but the reader never joins the group.
    /// </summary>
    public static ConsumerConfig BuildConsumer(ModelTopicSettings settings, KafkaSecrets secrets)
    {
        var config = new ConsumerConfig();
        foreach ((string key, string value) in settings.ConsumerConfig)
        {
            if (!key.StartsWith("group.", StringComparison.OrdinalIgnoreCase) && !GroupMembershipKeys.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                config.Set(key, value);
            }
        }

        config.BootstrapServers = settings.BootstrapServers;
        config.GroupId = "ganwatch-model-reader";
        config.EnableAutoCommit = false;
        config.EnableAutoOffsetStore = false;
        config.AutoOffsetReset = AutoOffsetReset.Earliest;
        config.EnablePartitionEof = true;
        config.AllowAutoCreateTopics = false;
        config.ClientId = "ganwatch-model-reader";
        KafkaClientConfigBuilder.ApplySecurity(config, settings.Security, secrets);
        return config;
    }

    /// <summary>Creates the redactor for the clients' log lines: the secrets plus sensitive values in the extra settings.</summary>
    public static LogRedactor CreateRedactor(ModelTopicSettings settings, KafkaSecrets secrets) =>
        KafkaClientConfigBuilder.CreateRedactor(settings.ConsumerConfig.Concat(settings.ProducerConfig), secrets);
}
