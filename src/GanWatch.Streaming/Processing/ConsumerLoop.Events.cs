using Confluent.Kafka;
using GanWatch.Streaming.Alerts;
using GanWatch.Streaming.Batching;
using GanWatch.Streaming.Events;
using GanWatch.Streaming.Records;
using GanWatch.Streaming.Scoring;

namespace GanWatch.Streaming.Processing;

/// <summary>Per-event handling on the consumer thread, when the input topic carries events instead of points.</summary>
internal sealed partial class ConsumerLoop
{
    private readonly List<string> _unseenFields = [];
    private readonly Dictionary<IWindowModel, string?> _schemaMismatches = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// Decodes an event, encodes it with its routed event model and queues it as a window of length 1. Ordering
    /// policies do not apply: every event is scored alone, whatever its time.
    /// </summary>
    private void HandleEvent(ConsumeResult<byte[]?, byte[]?> result, LiveSettings live, EventSchemaOptions schema)
    {
        EventDecodeResult decoded = EventDecoder.Decode(result.Message.Key, result.Message.Value, live.MaxValueBytes, schema, _options.InputTopic);
        if (!decoded.IsSuccess)
        {
            DeadLetter(result, decoded.Reason, decoded.Error, decoded.Field);
            return;
        }

        EventRecord record = decoded.Event;
        IWindowModel routed = _router.Resolve(record.Series);
        if (SchemaMismatch(routed, schema) is { } mismatch)
        {
            DeadLetter(result, RejectReason.ChannelMismatch, $"Event of series '{record.Series}' cannot be scored: {mismatch}");
            return;
        }

        var model = (IEventModel)routed;
        var values = new float[model.Channels];
        _unseenFields.Clear();
        if (!model.TryEncode(record, values, _unseenFields, out string? invalidField))
        {
            DeadLetter(result, RejectReason.InvalidField,
                $"Field '{invalidField}' is too large for model {model.Version}: its scaled value does not fit a 32-bit float.", invalidField);
            return;
        }

        foreach (string field in _unseenFields)
        {
            _counters.AddUnseenCategory(field);
        }

        SeriesState series = GetEventSeries(record.Series, model, result.TopicPartition, live);
        DateTimeOffset recordTime = result.Message.Timestamp.Type == TimestampType.NotAvailable
            ? _time.GetUtcNow()
            : new DateTimeOffset(result.Message.Timestamp.UtcDateTime);
        DateTimeOffset eventTime = record.Timestamp ?? recordTime;
        _batcher.Add(new PendingWindow(series, model, values, eventTime, eventTime, result.TopicPartitionOffset, recordTime, record));
    }

    /// <summary>Returns why <paramref name="model"/> cannot score events of <paramref name="schema"/>, or null; cached per model.</summary>
    private string? SchemaMismatch(IWindowModel model, EventSchemaOptions schema)
    {
        if (!_schemaMismatches.TryGetValue(model, out string? mismatch))
        {
            // A reload can route to new models; the cache is small and rebuilt when it grows past a few models.
            if (_schemaMismatches.Count > 64)
            {
                _schemaMismatches.Clear();
            }

            IReadOnlyList<string> problems = schema.Mismatches(model);
            mismatch = problems.Count == 0 ? null : string.Join(" ", problems);
            _schemaMismatches[model] = mismatch;
        }

        return mismatch;
    }

    private SeriesState GetEventSeries(string seriesId, IEventModel model, TopicPartition partition, LiveSettings live)
    {
        if (!_series.TryGetValue(seriesId, out SeriesState? series))
        {
            series = new SeriesState(seriesId, model, partition, new EpisodeTracker(live.EpisodeQuietPeriod, live.EpisodeEscalationFactor));
            _series.Add(seriesId, series);
        }

        series.Model = model;
        series.Partition = partition;
        return series;
    }
}
