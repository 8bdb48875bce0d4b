using System.Globalization;
using System.Text.Json;
using GanWatch.Streaming.Records;

namespace GanWatch.Streaming.Events;

/// <summary>Decodes and validates JSON events against an <see cref="EventSchemaOptions"/>. Pure and thread-safe.</summary>
/// <remarks>
/// Checks run in this order, and the first failure wins: size, UTF-8, JSON object, series field, timestamp field, then
/// the schema's fields in order. Properties that the schema does not list are ignored.
/// </remarks>
public static class EventDecoder
{
    /// <summary>Decodes one event.</summary>
    /// <param name="key">Kafka key bytes; only checked for valid UTF-8, because events take their series from the value.</param>
    /// <param name="value">Kafka value bytes; may be null.</param>
    /// <param name="maxValueBytes">Largest accepted value size in bytes.</param>
    /// <param name="schema">The event fields; must be valid.</param>
    /// <param name="defaultSeries">Series id of every event when the schema has no series field, such as the input topic.</param>
    /// <returns>A success with the event, or a failure with a reason, a message and the field at fault.</returns>
    public static EventDecodeResult Decode(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, int maxValueBytes, EventSchemaOptions schema, string defaultSeries)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (!RecordDecoder.TryParse(key, value, maxValueBytes, out JsonDocument? document, out RejectReason reason, out string? error))
        {
            return EventDecodeResult.Failure(reason, error);
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return EventDecodeResult.Failure(RejectReason.InvalidJson,
                    $"Event must be a JSON object, got {root.ValueKind}: '{RecordDecoder.Shorten(root.GetRawText())}'.");
            }

            return DecodeObject(root, schema, defaultSeries);
        }
    }

    private static EventDecodeResult DecodeObject(JsonElement root, EventSchemaOptions schema, string defaultSeries)
    {
        string series = defaultSeries;
        if (schema.SeriesField is { } seriesField)
        {
            if (!TryGetPresent(root, seriesField, out JsonElement element))
            {
                return Missing(seriesField, "a non-empty string naming the event's series");
            }

            if (element.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(element.GetString()))
            {
                return Invalid(seriesField, element, "a non-empty string naming the event's series");
            }

            series = element.GetString()!;
        }

        DateTimeOffset? timestamp = null;
        if (schema.TimestampField is { } timestampField)
        {
            if (!TryGetPresent(root, timestampField, out JsonElement element))
            {
                return Missing(timestampField, "an ISO 8601 string or Unix milliseconds");
            }

            if (!TimestampParser.TryParse(element, timestampField, out DateTimeOffset parsed, out string? error))
            {
                return EventDecodeResult.Failure(RejectReason.InvalidTimestamp, error, timestampField);
            }

            timestamp = parsed;
        }

        var numbers = new double[schema.Fields.Count(f => f.Kind == EventFieldKind.Numeric)];
        var categories = new string[schema.Fields.Count(f => f.Kind == EventFieldKind.Categorical)];
        var passThrough = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        int numeric = 0;
        int categorical = 0;
        foreach (EventFieldOptions field in schema.Fields)
        {
            bool present = TryGetPresent(root, field.Name, out JsonElement element);
            switch (field.Kind)
            {
                case EventFieldKind.PassThrough:
                    if (present)
                    {
                        passThrough[field.Name] = element.Clone();
                    }

                    break;
                case EventFieldKind.Numeric:
                    if (!present)
                    {
                        return Missing(field.Name, "a number");
                    }

                    if (element.ValueKind != JsonValueKind.Number || !element.TryGetDouble(out double number) || !double.IsFinite(number))
                    {
                        return Invalid(field.Name, element, "a finite JSON number");
                    }

                    numbers[numeric++] = number;
                    break;
                default:
                    if (!present)
                    {
                        return Missing(field.Name, "a string, number or boolean");
                    }

                    if (ReadCategory(element) is not { } category)
                    {
                        return Invalid(field.Name, element, "a string, number or boolean");
                    }

                    categories[categorical++] = category;
                    break;
            }
        }

        return EventDecodeResult.Success(new EventRecord(series, timestamp, numbers, categories, passThrough));
    }

    /// <summary>Returns the text of a categorical value: a string as is, a number as written, a boolean as true or false.</summary>
    private static string? ReadCategory(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.GetRawText(),
        JsonValueKind.True => bool.TrueString.ToLower(CultureInfo.InvariantCulture),
        JsonValueKind.False => bool.FalseString.ToLower(CultureInfo.InvariantCulture),
        _ => null,
    };

    private static bool TryGetPresent(JsonElement root, string name, out JsonElement element) =>
        root.TryGetProperty(name, out element) && element.ValueKind != JsonValueKind.Null;

    private static EventDecodeResult Missing(string field, string expected) =>
        EventDecodeResult.Failure(RejectReason.MissingField, $"Field '{field}' is missing or null; send {expected}.", field);

    private static EventDecodeResult Invalid(string field, JsonElement element, string expected) =>
        EventDecodeResult.Failure(RejectReason.InvalidField,
            $"Field '{field}' must be {expected}, got '{RecordDecoder.Shorten(element.GetRawText())}'.", field);
}
