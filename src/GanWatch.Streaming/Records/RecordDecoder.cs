using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace GanWatch.Streaming.Records;

/// <summary>
/// Decodes and validates input records. Pure and thread-safe.
/// </summary>
/// <remarks>
/// The value is a JSON object with <c>ts</c> (an ISO 8601 string or a Unix time in milliseconds) and either
/// <c>value</c> (a number) or <c>values</c> (a non-empty array of numbers, one per channel). An optional string
/// <c>series</c> overrides the Kafka key as the series id. Checks run in this order, and the first failure wins:
/// size, UTF-8, JSON shape, series, timestamp, values.
/// </remarks>
public static class RecordDecoder
{
    private const int MaxShownChars = 80;

    /// <summary>Decodes one record.</summary>
    /// <param name="key">Kafka key bytes (the series id unless the value has <c>series</c>); may be null.</param>
    /// <param name="value">Kafka value bytes; may be null.</param>
    /// <param name="maxValueBytes">Largest accepted value size in bytes.</param>
    /// <returns>A success with the record, or a failure with a reason and a message that names the value.</returns>
    public static DecodeResult Decode(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, int maxValueBytes)
    {
        if (!TryParse(key, value, maxValueBytes, out JsonDocument? document, out RejectReason reason, out string? error))
        {
            return DecodeResult.Failure(reason, error);
        }

        using (document)
        {
            return DecodeObject(document.RootElement, key);
        }
    }

    /// <summary>
    /// Runs the checks that points and events share, in order: size, UTF-8 of key and value, and valid JSON. The caller
    /// owns the returned document.
    /// </summary>
    internal static bool TryParse(
        ReadOnlySpan<byte> key,
        ReadOnlySpan<byte> value,
        int maxValueBytes,
        [NotNullWhen(true)] out JsonDocument? document,
        out RejectReason reason,
        [NotNullWhen(false)] out string? error)
    {
        document = null;
        reason = default;
        error = null;
        if (value.Length > maxValueBytes)
        {
            reason = RejectReason.OversizeValue;
            error = $"Record value is {value.Length} bytes, more than the maximum of {maxValueBytes}; split the record or raise MaxValueBytes.";
            return false;
        }

        if (!Utf8.IsValid(key))
        {
            reason = RejectReason.InvalidUtf8;
            error = "Record key is not valid UTF-8; send the series id as UTF-8 text.";
            return false;
        }

        if (!Utf8.IsValid(value))
        {
            reason = RejectReason.InvalidUtf8;
            error = "Record value is not valid UTF-8; send JSON encoded as UTF-8.";
            return false;
        }

        try
        {
            document = JsonDocument.Parse(value.ToArray());
            return true;
        }
        catch (JsonException parseError)
        {
            reason = RejectReason.InvalidJson;
            error = $"Record value is not valid JSON ({parseError.Message}): '{Shorten(Encoding.UTF8.GetString(value))}'.";
            return false;
        }
    }

    private static DecodeResult DecodeObject(JsonElement root, ReadOnlySpan<byte> key)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return DecodeResult.Failure(RejectReason.InvalidJson,
                $"Record value must be a JSON object, got {root.ValueKind}: '{Shorten(root.GetRawText())}'.");
        }

        string? series = ReadSeries(root, key, out DecodeResult failure);
        if (series is null)
        {
            return failure;
        }

        if (!TimestampParser.TryRead(root, out DateTimeOffset timestamp, out string? timestampError))
        {
            return DecodeResult.Failure(RejectReason.InvalidTimestamp, timestampError);
        }

        return ValueParser.TryRead(root, out float[] values, out RejectReason reason, out string? valueError)
            ? DecodeResult.Success(new InputRecord(series, timestamp, values))
            : DecodeResult.Failure(reason, valueError);
    }

    private static string? ReadSeries(JsonElement root, ReadOnlySpan<byte> key, out DecodeResult failure)
    {
        failure = default;
        if (root.TryGetProperty("series", out JsonElement seriesElement))
        {
            string? series = seriesElement.ValueKind == JsonValueKind.String ? seriesElement.GetString() : null;
            if (string.IsNullOrEmpty(series))
            {
                failure = DecodeResult.Failure(RejectReason.MissingSeries,
                    $"Field 'series' must be a non-empty string, got '{Shorten(seriesElement.GetRawText())}'.");
                return null;
            }

            return series;
        }

        if (key.IsEmpty)
        {
            failure = DecodeResult.Failure(RejectReason.MissingSeries,
                "Record has no key and no 'series' field; set the Kafka key or 'series' to the series id.");
            return null;
        }

        return Encoding.UTF8.GetString(key);
    }

    /// <summary>Cuts <paramref name="text"/> to a length that fits a header or a log line.</summary>
    internal static string Shorten(string text) =>
        text.Length <= MaxShownChars ? text : string.Concat(text.AsSpan(0, MaxShownChars), "...");
}
