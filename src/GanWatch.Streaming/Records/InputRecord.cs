namespace GanWatch.Streaming.Records;

/// <summary>A decoded, valid input point: one timestamp and one value per channel.</summary>
/// <param name="Series">Series id, from the <c>series</c> field if present, else the Kafka key.</param>
/// <param name="Timestamp">Point time in UTC, from the <c>ts</c> field.</param>
/// <param name="Values">Channel values (length 1 for the <c>value</c> form), all finite.</param>
public sealed record InputRecord(string Series, DateTimeOffset Timestamp, float[] Values);
