using System.Text.Json;

namespace GanWatch.Streaming.Events;

/// <summary>A decoded, valid input event.</summary>
/// <param name="Series">Series id: the value of the schema's series field, or the input topic.</param>
/// <param name="Timestamp">Event time from the schema's timestamp field, or null to use the Kafka timestamp.</param>
/// <param name="Numbers">One finite value per numeric field of the schema, in schema order.</param>
/// <param name="Categories">One value per categorical field of the schema, in schema order.</param>
/// <param name="PassThrough">The pass-through fields present in the event, by name, as JSON values.</param>
public sealed record EventRecord(
    string Series,
    DateTimeOffset? Timestamp,
    double[] Numbers,
    string[] Categories,
    IReadOnlyDictionary<string, JsonElement> PassThrough);
