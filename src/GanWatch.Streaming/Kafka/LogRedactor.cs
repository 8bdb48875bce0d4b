using System.Text.RegularExpressions;

namespace GanWatch.Streaming.Kafka;

/// <summary>
/// Masks secrets in text bound for logs: every known secret value, and the value after any sensitive librdkafka key
/// such as <c>sasl.password=</c>. A safety net behind librdkafka's own redaction of sensitive settings. Thread-safe.
/// </summary>
internal sealed partial class LogRedactor
{
    /// <summary>Replacement for a masked value.</summary>
    public const string Mask = "[redacted]";

    /// <summary>librdkafka settings whose values are secrets.</summary>
    internal static readonly string[] SensitiveKeys =
    [
        "sasl.password", "ssl.key.password", "ssl.keystore.password", "sasl.oauthbearer.client.secret", "ssl.key.pem",
        "sasl.oauthbearer.config", "ssl.certificate.pem",
    ];

    private readonly string[] _secrets;

    /// <summary>Creates a redactor for <paramref name="secrets"/>; null and empty values are ignored.</summary>
    public LogRedactor(IEnumerable<string?> secrets)
    {
        // Longest first, so a secret that contains another is masked whole.
        _secrets = secrets.Where(secret => !string.IsNullOrEmpty(secret)).Select(secret => secret!).Distinct()
            .OrderByDescending(secret => secret.Length).ToArray();
    }

    /// <summary>A redactor with no known secrets; it still masks values after sensitive keys.</summary>
    public static LogRedactor None { get; } = new([]);

    /// <summary>Returns <paramref name="text"/> with every secret replaced by <see cref="Mask"/>.</summary>
    public string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? "";
        }

        foreach (string secret in _secrets)
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        return SensitiveSetting().Replace(text, match => $"{match.Groups["key"].Value}{match.Groups["separator"].Value}{Mask}");
    }

    [GeneratedRegex(@"(?<key>sasl\.password|ssl\.key\.password|ssl\.keystore\.password|sasl\.oauthbearer\.client\.secret|ssl\.key\.pem|sasl\.oauthbearer\.config|ssl\.certificate\.pem)(?<separator>\s*[=:]\s*)(?!\[redacted\])\S+",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SensitiveSetting();
}
