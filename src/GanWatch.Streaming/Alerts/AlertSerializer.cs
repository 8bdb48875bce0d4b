using System.Text.Json;

namespace GanWatch.Streaming.Alerts;

/// <summary>Writes and reads the alert JSON format (camelCase names, ISO 8601 UTC times). Thread-safe.</summary>
public static class AlertSerializer
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = false,
    };

    /// <summary>Serializes <paramref name="alert"/> to UTF-8 JSON, with every time converted to UTC.</summary>
    public static byte[] Serialize(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        Alert utc = alert with
        {
            Timestamp = alert.Timestamp.ToUniversalTime(),
            WindowStart = alert.WindowStart.ToUniversalTime(),
            WindowEnd = alert.WindowEnd.ToUniversalTime(),
            Episode = alert.Episode with { StartedAt = alert.Episode.StartedAt.ToUniversalTime() },
        };
        return JsonSerializer.SerializeToUtf8Bytes(utc, Options);
    }

    /// <summary>Parses alert JSON, as read from the alert topic.</summary>
    /// <exception cref="JsonException">The bytes are not a valid alert.</exception>
    public static Alert Deserialize(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<Alert>(json, Options) ?? throw new JsonException("Alert JSON is 'null'; expected an object.");
}
