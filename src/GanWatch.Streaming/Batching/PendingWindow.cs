using Confluent.Kafka;
using GanWatch.Streaming.Scoring;

namespace GanWatch.Streaming.Batching;

/// <summary>A complete window waiting to be scored, with the input record that completed it.</summary>
/// <param name="Series">State of the window's series; the scoring thread uses its threshold and episode.</param>
/// <param name="Model">Model that scores the window.</param>
/// <param name="Values">Window values laid out as [channels, length], oldest point first.</param>
/// <param name="WindowStart">Record time of the oldest point.</param>
/// <param name="WindowEnd">Record time of the newest point, the one that completed the window.</param>
/// <param name="Source">Position of the record that completed the window; its offset completes after scoring.</param>
/// <param name="RecordTime">Kafka timestamp of that record, the start of the end-to-end latency.</param>
/// <param name="Event">The decoded event when the window is one event, for the pass-through fields of its alert; null for series.</param>
internal sealed record PendingWindow(
    Processing.SeriesState Series,
    IWindowModel Model,
    float[] Values,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    TopicPartitionOffset Source,
    DateTimeOffset RecordTime,
    Events.EventRecord? Event = null);
