namespace GanWatch.Streaming.Kafka;

/// <summary>Secrets of <see cref="KafkaSecurityOptions"/> after reading their files and environment variables.</summary>
/// <param name="SaslPassword">SASL password, or null without SASL.</param>
/// <param name="SslKeyPassword">Password of the client key, or null when none is set.</param>
internal sealed record KafkaSecrets(string? SaslPassword, string? SslKeyPassword)
{
    /// <summary>Reads the secrets named by <paramref name="options"/>; call after validation.</summary>
    /// <exception cref="IOException">A secret file could not be read.</exception>
    /// <exception cref="InvalidOperationException">A named environment variable is not set.</exception>
    public static KafkaSecrets Read(KafkaSecurityOptions options)
    {
        string? password = options.UsesSasl
            ? ReadSecret("Password", options.Password, options.PasswordFile, options.PasswordEnvironmentVariable)
            : null;
        string? keyPassword = options.UsesTls
            ? ReadSecret("SslKeyPassword", options.SslKeyPassword, options.SslKeyPasswordFile, options.SslKeyPasswordEnvironmentVariable)
            : null;
        return new KafkaSecrets(password, keyPassword);
    }

    /// <summary>Describes the record without the secret values.</summary>
    public override string ToString() =>
        $"KafkaSecrets {{ SaslPassword = {(SaslPassword is null ? "(none)" : "[redacted]")}, SslKeyPassword = {(SslKeyPassword is null ? "(none)" : "[redacted]")} }}";

    private static string? ReadSecret(string name, string? inline, string? file, string? variable)
    {
        if (inline is not null)
        {
            return inline;
        }

        if (file is not null)
        {
            // Editors and `echo` add a final line break that is not part of the secret.
            return File.ReadAllText(file).TrimEnd('\r', '\n');
        }

        if (variable is not null)
        {
            return Environment.GetEnvironmentVariable(variable)
                   ?? throw new InvalidOperationException($"{name}EnvironmentVariable names '{variable}', which is not set; export it before starting.");
        }

        return null;
    }
}
