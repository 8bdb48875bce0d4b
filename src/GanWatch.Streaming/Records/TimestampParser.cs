using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;

namespace GanWatch.Streaming.Records;

/// <summary>Reads a time field (<c>ts</c> of points): an ISO 8601 string (UTC unless it has an offset) or Unix milliseconds.</summary>
internal static class TimestampParser
{
    private static readonly long MinUnixMilliseconds = DateTimeOffset.MinValue.ToUnixTimeMilliseconds();
    private static readonly long MaxUnixMilliseconds = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    internal static bool TryRead(JsonElement root, out DateTimeOffset timestamp, [NotNullWhen(false)] out string? error)
    {
        timestamp = default;
        error = null;
        if (!root.TryGetProperty("ts", out JsonElement element))
        {
            error = "Field 'ts' is missing; send an ISO 8601 string or Unix milliseconds.";
            return false;
        }

        return TryParse(element, "ts", out timestamp, out error);
    }

    /// <summary>Parses <paramref name="element"/>, the value of field <paramref name="field"/>, which the error message names.</summary>
    internal static bool TryParse(JsonElement element, string field, out DateTimeOffset timestamp, [NotNullWhen(false)] out string? error)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return TryParseIso(element.GetString()!, field, out timestamp, out error);
            case JsonValueKind.Number:
                return TryParseUnixMilliseconds(element, field, out timestamp, out error);
            default:
                timestamp = default;
                error = $"Field '{field}' must be an ISO 8601 string or Unix milliseconds, got '{RecordDecoder.Shorten(element.GetRawText())}'.";
                return false;
        }
    }

    private static bool TryParseIso(string text, string field, out DateTimeOffset timestamp, [NotNullWhen(false)] out string? error)
    {
        error = null;

        // Require the yyyy-MM-dd prefix so that culture-style dates such as 1/2/2024 are rejected.
        bool looksIso = text.Length >= 10 && char.IsAsciiDigit(text[0]) && text[4] == '-' && text[7] == '-';
        if (looksIso && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out timestamp))
        {
            return true;
        }

        timestamp = default;
        error = $"Field '{field}' is not a valid ISO 8601 time: '{RecordDecoder.Shorten(text)}'.";
        return false;
    }

    private static bool TryParseUnixMilliseconds(JsonElement element, string field, out DateTimeOffset timestamp, [NotNullWhen(false)] out string? error)
    {
        timestamp = default;
        error = null;
        if (!element.TryGetDouble(out double milliseconds) || !double.IsFinite(milliseconds)
            || milliseconds < MinUnixMilliseconds || milliseconds > MaxUnixMilliseconds)
        {
            error = $"Field '{field}' is out of range for Unix milliseconds: {RecordDecoder.Shorten(element.GetRawText())}.";
            return false;
        }

        timestamp = DateTimeOffset.UnixEpoch.AddTicks((long)Math.Round(milliseconds * TimeSpan.TicksPerMillisecond));
        return true;
    }
}
