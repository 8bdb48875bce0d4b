using System.Text.Json;
using System.Text.Json.Serialization;

namespace GanWatch.Streaming.Alerts;

/// <summary>An anomaly alert, written as JSON to the alert topic with the series id as key.</summary>
/// <param name="AlertId">Deterministic id from <see cref="Alerts.AlertId.Compute"/>.</param>
/// <param name="Series">Series id.</param>
/// <param name="Timestamp">Record time of the point that completed the window.</param>
/// <param name="Score">The window's score.</param>
/// <param name="Threshold">The series threshold the score exceeded.</param>
/// <param name="ModelVersion">Version of the model that scored the window.</param>
/// <param name="WindowStart">Record time of the window's oldest point.</param>
/// <param name="WindowEnd">Record time of the window's newest point.</param>
/// <param name="TopChannels">Channels with the largest residual shares, largest first.</param>
/// <param name="Source">Position of the input record that completed the window.</param>
/// <param name="Episode">Episode state at this alert.</param>
/// <param name="TopFields">Events only: the feature fields with the largest residual shares, largest first; omitted for series.</param>
/// <param name="Fields">Events only: the event's pass-through fields, unchanged; omitted for series.</param>
public sealed record Alert(
    string AlertId,
    string Series,
    DateTimeOffset Timestamp,
    double Score,
    double Threshold,
    string ModelVersion,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    IReadOnlyList<ChannelShare> TopChannels,
    AlertSource Source,
    AlertEpisode Episode,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<FieldShare>? TopFields = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, JsonElement>? Fields = null);
