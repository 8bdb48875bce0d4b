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
    public static ConsumerConfig BuildConsumer(StreamProcessorOptions options, KafkaSecrets secrets)
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

        ApplySecurity(config, options.Security, secrets);

        foreach ((string key, string value) in options.ConsumerConfig)
        {
            config.Set(key, value);
        }

        return config;
    }

    /// <summary>Producer settings: idempotent, acknowledged by all in-sync replicas.</summary>
    public static ProducerConfig BuildProducer(StreamProcessorOptions options, KafkaSecrets secrets)
    {
        var config = new ProducerConfig
        {
            BootstrapServers = options.BootstrapServers,
            EnableIdempotence = true,
            Acks = Acks.All,
            LingerMs = 5,
            ClientId = "ganwatch-producer",
        };

        ApplySecurity(config, options.Security, secrets);

        foreach ((string key, string value) in options.ProducerConfig)
        {
            config.Set(key, value);
        }

        return config;
    }

    /// <summary>
    /// Sets <c>security.protocol</c> and, as the protocol needs them, the SASL and TLS settings. Applied before the extra
    /// <see cref="StreamProcessorOptions.ConsumerConfig"/> and <see cref="StreamProcessorOptions.ProducerConfig"/> settings.
    /// </summary>
    public static void ApplySecurity(ClientConfig config, KafkaSecurityOptions security, KafkaSecrets secrets)
    {
        config.SecurityProtocol = security.Protocol switch
        {
            KafkaSecurityProtocol.Ssl => SecurityProtocol.Ssl,
            KafkaSecurityProtocol.SaslPlaintext => SecurityProtocol.SaslPlaintext,
            KafkaSecurityProtocol.SaslSsl => SecurityProtocol.SaslSsl,
            _ => SecurityProtocol.Plaintext,
        };

        if (security.UsesSasl)
        {
            config.SaslMechanism = security.SaslMechanism switch
            {
                KafkaSaslMechanism.ScramSha256 => SaslMechanism.ScramSha256,
                KafkaSaslMechanism.ScramSha512 => SaslMechanism.ScramSha512,
                _ => SaslMechanism.Plain,
            };
            config.SaslUsername = security.Username;
            config.SaslPassword = secrets.SaslPassword;
        }

        if (security.UsesTls)
        {
            SetIfPresent(config, "ssl.ca.location", security.SslCaLocation);
            SetIfPresent(config, "ssl.certificate.location", security.SslCertificateLocation);
            SetIfPresent(config, "ssl.key.location", security.SslKeyLocation);
            SetIfPresent(config, "ssl.key.password", secrets.SslKeyPassword);
        }
    }

    /// <summary>
    /// Creates the redactor for the processor's log lines: the secrets read from files or the environment, plus any
    /// sensitive value put directly into the extra client settings.
    /// </summary>
    public static LogRedactor CreateRedactor(StreamProcessorOptions options, KafkaSecrets secrets) =>
        CreateRedactor(options.ConsumerConfig.Concat(options.ProducerConfig), secrets);

    /// <summary>Creates a redactor for the secrets and for sensitive values among <paramref name="extraConfig"/>.</summary>
    public static LogRedactor CreateRedactor(IEnumerable<KeyValuePair<string, string>> extraConfig, KafkaSecrets secrets)
    {
        IEnumerable<string?> extra = extraConfig
            .Where(pair => LogRedactor.SensitiveKeys.Contains(pair.Key, StringComparer.OrdinalIgnoreCase))
            .Select(pair => (string?)pair.Value);
        return new LogRedactor(extra.Append(secrets.SaslPassword).Append(secrets.SslKeyPassword));
    }

    private static void SetIfPresent(ClientConfig config, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            config.Set(key, value);
        }
    }

    private static int ToMilliseconds(TimeSpan value) => (int)Math.Clamp(value.TotalMilliseconds, 1, int.MaxValue);
}
