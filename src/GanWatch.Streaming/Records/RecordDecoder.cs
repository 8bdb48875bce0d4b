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
        if (value.Length > maxValueBytes)
        {
            return DecodeResult.Failure(RejectReason.OversizeValue,
                $"Record value is {value.Length} bytes, more than the maximum of {maxValueBytes}; split the record or raise MaxValueBytes.");
        }

        if (!Utf8.IsValid(key))
        {
            return DecodeResult.Failure(RejectReason.InvalidUtf8, "Record key is not valid UTF-8; send the series id as UTF-8 text.");
        }

        if (!Utf8.IsValid(value))
        {
            return DecodeResult.Failure(RejectReason.InvalidUtf8, "Record value is not valid UTF-8; send JSON encoded as UTF-8.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(value.ToArray());
        }
        catch (JsonException error)
        {
            return DecodeResult.Failure(RejectReason.InvalidJson,
                $"Record value is not valid JSON ({error.Message}): '{Shorten(Encoding.UTF8.GetString(value))}'.");
        }

        using (document)
        {
            return DecodeObject(document.RootElement, key);
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
