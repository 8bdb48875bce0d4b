namespace GanWatch.Streaming.Kafka;

/// <summary>
/// TLS and SASL settings applied to the processor's consumer and producer. Secrets come from the inline value, a file
/// or an environment variable, read once at start-up; <see cref="ToString"/> and validation messages never contain them.
/// </summary>
public sealed class KafkaSecurityOptions
{
    /// <summary>Transport and authentication. Default <see cref="KafkaSecurityProtocol.Plaintext"/>.</summary>
    public KafkaSecurityProtocol Protocol { get; set; } = KafkaSecurityProtocol.Plaintext;

    /// <summary>SASL mechanism, used with the SASL protocols only. Default <see cref="KafkaSaslMechanism.Plain"/>.</summary>
    public KafkaSaslMechanism SaslMechanism { get; set; } = KafkaSaslMechanism.Plain;

    /// <summary>SASL user name. Required with the SASL protocols.</summary>
    public string? Username { get; set; }

    /// <summary>SASL password given inline. Prefer <see cref="PasswordFile"/> or <see cref="PasswordEnvironmentVariable"/>.</summary>
    public string? Password { get; set; }

    /// <summary>File whose content (without a trailing line break) is the SASL password.</summary>
    public string? PasswordFile { get; set; }

    /// <summary>Name of the environment variable that contains the SASL password.</summary>
    public string? PasswordEnvironmentVariable { get; set; }

    /// <summary>PEM file of the CA certificates that verify the brokers (<c>ssl.ca.location</c>); empty uses the system store.</summary>
    public string? SslCaLocation { get; set; }

    /// <summary>PEM file of the client certificate (<c>ssl.certificate.location</c>), for brokers that require one.</summary>
    public string? SslCertificateLocation { get; set; }

    /// <summary>PEM file of the client certificate's private key (<c>ssl.key.location</c>).</summary>
    public string? SslKeyLocation { get; set; }

    /// <summary>Password of an encrypted <see cref="SslKeyLocation"/>, given inline.</summary>
    public string? SslKeyPassword { get; set; }

    /// <summary>File whose content (without a trailing line break) is the password of <see cref="SslKeyLocation"/>.</summary>
    public string? SslKeyPasswordFile { get; set; }

    /// <summary>Name of the environment variable that contains the password of <see cref="SslKeyLocation"/>.</summary>
    public string? SslKeyPasswordEnvironmentVariable { get; set; }

    /// <summary>Whether <see cref="Protocol"/> authenticates with SASL.</summary>
    public bool UsesSasl => Protocol is KafkaSecurityProtocol.SaslPlaintext or KafkaSecurityProtocol.SaslSsl;

    /// <summary>Whether <see cref="Protocol"/> encrypts with TLS.</summary>
    public bool UsesTls => Protocol is KafkaSecurityProtocol.Ssl or KafkaSecurityProtocol.SaslSsl;

    /// <summary>Returns every problem with these settings, naming options and files but never secret values; empty when valid.</summary>
    public IReadOnlyList<string> Validate() => KafkaSecurityValidator.Validate(this);

    /// <summary>Describes the settings with every secret replaced by <c>[redacted]</c>.</summary>
    public override string ToString()
    {
        string password = SecretSource(Password, PasswordFile, PasswordEnvironmentVariable);
        string keyPassword = SecretSource(SslKeyPassword, SslKeyPasswordFile, SslKeyPasswordEnvironmentVariable);
        return $"Protocol={Protocol}, SaslMechanism={SaslMechanism}, Username={Username ?? "(none)"}, Password={password}, " +
               $"SslCaLocation={SslCaLocation ?? "(none)"}, SslCertificateLocation={SslCertificateLocation ?? "(none)"}, " +
               $"SslKeyLocation={SslKeyLocation ?? "(none)"}, SslKeyPassword={keyPassword}";
    }

    private static string SecretSource(string? inline, string? file, string? variable) =>
        inline is not null ? "[redacted]"
        : file is not null ? $"[redacted] from file {file}"
        : variable is not null ? $"[redacted] from ${variable}"
        : "(none)";
}
