namespace GanWatch.Streaming.Kafka;

/// <summary>SASL mechanism (librdkafka <c>sasl.mechanism</c>).</summary>
public enum KafkaSaslMechanism
{
    /// <summary><c>PLAIN</c>: the password is sent as is, so use it with <see cref="KafkaSecurityProtocol.SaslSsl"/> outside tests.</summary>
    Plain,

    /// <summary><c>SCRAM-SHA-256</c>.</summary>
    ScramSha256,

    /// <summary><c>SCRAM-SHA-512</c>.</summary>
    ScramSha512,
}
