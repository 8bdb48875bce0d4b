using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace GanWatch.Streaming.Alerts;

/// <summary>Deterministic alert ids, so that an alert sent again after a restart can be recognised as a repeat.</summary>
public static class AlertId
{
    /// <summary>
    /// Returns the lowercase hex of the first 16 bytes of SHA-256 over the UTF-8 text <c>{topic}/{partition}/{offset}</c>
    /// of the input record that completed the window.
    /// </summary>
    public static string Compute(string topic, int partition, long offset)
    {
        string source = string.Create(CultureInfo.InvariantCulture, $"{topic}/{partition}/{offset}");
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(source), hash);
        return Convert.ToHexStringLower(hash[..16]);
    }
}
