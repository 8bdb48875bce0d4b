namespace GanWatch.Streaming.Kafka;

/// <summary>Transport and authentication between the processor's clients and the brokers (librdkafka <c>security.protocol</c>).</summary>
public enum KafkaSecurityProtocol
{
    /// <summary>Unencrypted, unauthenticated TCP (<c>plaintext</c>).</summary>
    Plaintext,

    /// <summary>TLS, optionally with a client certificate (<c>ssl</c>).</summary>
    Ssl,

    /// <summary>SASL authentication over unencrypted TCP (<c>sasl_plaintext</c>).</summary>
    SaslPlaintext,

    /// <summary>SASL authentication over TLS (<c>sasl_ssl</c>).</summary>
    SaslSsl,
}
