using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace GanWatch.Streaming.Records;

/// <summary>Reads <c>value</c> (one number) or <c>values</c> (an array of numbers) into finite 32-bit floats.</summary>
internal static class ValueParser
{
    internal static bool TryRead(JsonElement root, out float[] values, out RejectReason reason, [NotNullWhen(false)] out string? error)
    {
        values = [];
        reason = default;
        error = null;
        bool hasValue = root.TryGetProperty("value", out JsonElement single);
        bool hasValues = root.TryGetProperty("values", out JsonElement array);

        if (hasValue && hasValues)
        {
            reason = RejectReason.InvalidJson;
            error = "Record has both 'value' and 'values'; send exactly one of them.";
            return false;
        }

        if (hasValue)
        {
            values = new float[1];
            return TryReadNumber(single, "value", out values[0], out reason, out error);
        }

        if (!hasValues)
        {
            reason = RejectReason.MissingValue;
            error = "Record has neither 'value' nor 'values'; send a number in 'value' or an array of numbers in 'values'.";
            return false;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            reason = RejectReason.NonNumericValue;
            error = $"Field 'values' must be an array of numbers, got '{RecordDecoder.Shorten(array.GetRawText())}'.";
            return false;
        }

        int length = array.GetArrayLength();
        if (length == 0)
        {
            reason = RejectReason.MissingValue;
            error = "Field 'values' is an empty array; send one number per channel.";
            return false;
        }

        values = new float[length];
        int index = 0;
        foreach (JsonElement element in array.EnumerateArray())
        {
            if (!TryReadNumber(element, $"values[{index}]", out values[index], out reason, out error))
            {
                values = [];
                return false;
            }

            index++;
        }

        return true;
    }

    private static bool TryReadNumber(JsonElement element, string field, out float number, out RejectReason reason, [NotNullWhen(false)] out string? error)
    {
        number = 0;
        reason = default;
        error = null;
        if (element.ValueKind != JsonValueKind.Number)
        {
            reason = RejectReason.NonNumericValue;
            error = $"Field '{field}' must be a number, got '{RecordDecoder.Shorten(element.GetRawText())}'.";
            return false;
        }

        // TryGetDouble fails for JSON numbers beyond the double range; a finite double can still overflow float.
        if (!element.TryGetDouble(out double wide) || !float.IsFinite((float)wide))
        {
            reason = RejectReason.NonFiniteValue;
            error = $"Field '{field}' is outside the 32-bit float range: {RecordDecoder.Shorten(element.GetRawText())}.";
            return false;
        }

        number = (float)wide;
        return true;
    }
}
