using Confluent.Kafka;
using GanWatch.Streaming.Alerts;
using GanWatch.Streaming.Batching;
using GanWatch.Streaming.DeadLetters;
using GanWatch.Streaming.Diagnostics;
using GanWatch.Streaming.Records;
using GanWatch.Streaming.Scoring;
using GanWatch.Streaming.Windows;

namespace GanWatch.Streaming.Processing;

/// <summary>Per-record handling on the consumer thread.</summary>
internal sealed partial class ConsumerLoop
{
    private void Handle(ConsumeResult<byte[]?, byte[]?> result)
    {
        TopicPartition partition = result.TopicPartition;
        long offset = result.Offset.Value;
        if (_replayUntil.TryGetValue(partition, out long committed))
        {
            if (offset < committed)
            {
                _counters.AddReplayed();
                Replay(result);
                return;
            }

            _replayUntil.Remove(partition);
        }

        // One snapshot per record, so a settings change applies between records, never within one.
        LiveSettings live = _live.Current;
        _counters.AddConsumed();
        _tracker.Track(partition, offset);
        if (_options.EventSchema is { } schema)
        {
            HandleEvent(result, live, schema);
            return;
        }

        DecodeResult decoded = RecordDecoder.Decode(result.Message.Key, result.Message.Value, live.MaxValueBytes);
        if (!decoded.IsSuccess)
        {
            DeadLetter(result, decoded.Reason, decoded.Error);
            return;
        }

        InputRecord record = decoded.Record;
        SeriesState? series = GetSeries(record, partition, live, out string? mismatch);
        if (series is null)
        {
            DeadLetter(result, RejectReason.ChannelMismatch, mismatch!);
            return;
        }

        CountOrdering(series.Window, record.Timestamp);
        switch (Append(series.Window, record, live))
        {
            case AppendOutcome.WarmUp:
                _counters.AddWarmUp();
                _tracker.Complete(partition, offset);
                break;
            case AppendOutcome.RejectedOutOfOrder:
                DeadLetter(result, RejectReason.OutOfOrder,
                    $"Timestamp {record.Timestamp:O} of series '{record.Series}' is earlier than its last point at {series.Window.LastTimestamp:O}.");
                break;
            case AppendOutcome.RejectedDuplicate:
                DeadLetter(result, RejectReason.DuplicateTimestamp,
                    $"Timestamp {record.Timestamp:O} of series '{record.Series}' equals its last point's.");
                break;
            case AppendOutcome.Complete:
                Enqueue(series, record, result);
                break;
        }
    }

    /// <summary>Feeds a record below the committed offset into its window only: no scoring, alerts or dead letters.</summary>
    private void Replay(ConsumeResult<byte[]?, byte[]?> result)
    {
        if (_options.EventSchema is not null)
        {
            // An event is scored alone, so there is no window to rebuild.
            return;
        }

        LiveSettings live = _live.Current;
        DecodeResult decoded = RecordDecoder.Decode(result.Message.Key, result.Message.Value, live.MaxValueBytes);
        if (decoded.IsSuccess && GetSeries(decoded.Record, result.TopicPartition, live, out _) is { } series)
        {
            Append(series.Window, decoded.Record, live);
        }
    }

    private static AppendOutcome Append(SeriesWindow window, InputRecord record, LiveSettings live) =>
        window.Append(record.Timestamp, record.Values,
            acceptOutOfOrder: live.OutOfOrderPolicy == OrderingPolicy.Accept,
            acceptDuplicate: live.DuplicateTimestampPolicy == OrderingPolicy.Accept);

    private void CountOrdering(SeriesWindow window, DateTimeOffset timestamp)
    {
        if (window.LastTimestamp is not { } last)
        {
            return;
        }

        if (timestamp < last)
        {
            _counters.AddOutOfOrder();
        }
        else if (timestamp == last)
        {
            _counters.AddDuplicate();
        }
    }

    /// <summary>
    /// Returns the series' state, creating it or following a model change, or null with a message when the record's
    /// channel count differs from the routed model's.
    /// </summary>
    private SeriesState? GetSeries(InputRecord record, TopicPartition partition, LiveSettings live, out string? mismatch)
    {
        mismatch = null;
        IWindowModel model = _router.Resolve(record.Series);
        if (record.Values.Length != model.Channels)
        {
            mismatch = $"Series '{record.Series}' sent {record.Values.Length} channel value(s) but model '{model.Version}' expects {model.Channels}; " +
                       "send one value per model channel or route the series to a matching model.";
            return null;
        }

        if (!_series.TryGetValue(record.Series, out SeriesState? series))
        {
            series = new SeriesState(record.Series, model, partition,
                new EpisodeTracker(live.EpisodeQuietPeriod, live.EpisodeEscalationFactor));
            _series.Add(record.Series, series);
        }
        else if (!ReferenceEquals(series.Model, model))
        {
            // A swapped model with the same shape keeps the collected points; another shape starts a new warm-up.
            if (model.WindowLength != series.Window.Length || model.Channels != series.Window.Channels)
            {
                series.Window = new SeriesWindow(model.WindowLength, model.Channels);
            }

            series.Model = model;
        }

        series.Partition = partition;
        return series;
    }

    private void Enqueue(SeriesState series, InputRecord record, ConsumeResult<byte[]?, byte[]?> result)
    {
        var values = new float[series.Window.Length * series.Window.Channels];
        series.Window.CopyTo(values);
        DateTimeOffset recordTime = result.Message.Timestamp.Type == TimestampType.NotAvailable
            ? _time.GetUtcNow()
            : new DateTimeOffset(result.Message.Timestamp.UtcDateTime);
        _batcher.Add(new PendingWindow(series, series.Model, values, series.Window.FirstTimestamp!.Value, record.Timestamp,
            result.TopicPartitionOffset, recordTime));
    }

    private void DeadLetter(ConsumeResult<byte[]?, byte[]?> result, RejectReason reason, string error, string? field = null)
    {
        _counters.AddDeadLetter(reason);
        Log.DeadLettered(_logger, result.Topic, result.Partition.Value, result.Offset.Value, reason.ToCode(), error);
        _producer!.Send(_options.DeadLetterTopic, DeadLetterMessageFactory.Create(result, reason, error, field), result.TopicPartitionOffset,
            _hardStop.Token);
    }
}
