using System.Text;
using Confluent.Kafka;
using GanWatch.Streaming.Alerts;
using GanWatch.Streaming.Batching;
using GanWatch.Streaming.Diagnostics;
using GanWatch.Streaming.Scoring;
using Microsoft.Extensions.Logging;

namespace GanWatch.Streaming.Processing;

/// <summary>
/// The scoring thread: takes batches of windows, scores them grouped by model, then applies the threshold and the
/// episode rule per window in record order and sends alerts.
/// </summary>
internal sealed class ScoringWorker
{
    private static readonly TimeSpan SinkFailureLogInterval = TimeSpan.FromSeconds(30);

    private readonly StreamProcessorOptions _options;
    private readonly LiveSettingsSource _live;
    private readonly WindowBatcher _batcher;
    private readonly OutputProducer _producer;
    private readonly CompletionQueue _completions;
    private readonly StreamCounters _counters;
    private readonly TimeProvider _time;
    private readonly IStreamObserver? _observer;
    private readonly IScoredWindowSink? _sink;
    private readonly ILogger _logger;
    private readonly RepeatThrottle _sinkFailureLog;
    private readonly Dictionary<IWindowModel, float[]> _buffers = new(ReferenceEqualityComparer.Instance);
    private readonly Thread _thread;
    private CancellationToken _hardStop;

    public ScoringWorker(StreamProcessorOptions options, LiveSettingsSource live, WindowBatcher batcher, OutputProducer producer,
        CompletionQueue completions, StreamCounters counters, TimeProvider time, ILogger logger, IStreamObserver? observer = null,
        IScoredWindowSink? sink = null)
    {
        _options = options;
        _live = live;
        _batcher = batcher;
        _producer = producer;
        _completions = completions;
        _counters = counters;
        _time = time;
        _observer = observer;
        _sink = sink;
        _logger = logger;
        _sinkFailureLog = new RepeatThrottle(SinkFailureLogInterval, time);
        _thread = new Thread(Run) { IsBackground = true, Name = "ganwatch-scoring" };
    }

    /// <summary>Starts the thread. It runs until the batcher is completed and empty, or <paramref name="hardStop"/> is cancelled.</summary>
    public void Start(CancellationToken hardStop)
    {
        _hardStop = hardStop;
        _thread.Start();
    }

    /// <summary>Waits for the thread to end; returns false on timeout.</summary>
    public bool Join(TimeSpan timeout) => !_thread.IsAlive || _thread.Join(timeout);

    private void Run()
    {
        var batch = new List<PendingWindow>();
        try
        {
            while (true)
            {
                LiveSettings limits = _live.Current;
                if (!_batcher.TryTakeBatch(batch, limits.MaxBatchSize, limits.MaxBatchWait, _hardStop))
                {
                    break;
                }

                // Read again after the wait for windows, so a change made while this thread was idle applies to the
                // batch it was waiting for. The whole batch is judged with one snapshot.
                ScoreBatch(batch, _live.Current);
            }
        }
        catch (OperationCanceledException) when (_hardStop.IsCancellationRequested)
        {
            // Shutdown ran out of time; the unscored windows stay uncommitted and are read again after a restart.
        }
        catch (Exception error)
        {
            _completions.Fail(error);
        }
    }

    private void ScoreBatch(List<PendingWindow> batch, LiveSettings live)
    {
        long started = _time.GetTimestamp();
        try
        {
            WindowScore[] scores = ScoreByModel(batch);
            for (int i = 0; i < batch.Count; i++)
            {
                Evaluate(batch[i], scores[i], live);
            }
        }
        finally
        {
            _batcher.MarkDone(batch.Count);
            _counters.SetPendingWindows(_batcher.Pending);
        }

        TimeSpan latency = _time.GetElapsedTime(started);
        _counters.AddBatch(batch.Count, latency);
        _observer?.OnBatchScored(batch.Count, latency);
    }

    private WindowScore[] ScoreByModel(List<PendingWindow> batch)
    {
        var scores = new WindowScore[batch.Count];
        var groups = new Dictionary<IWindowModel, List<int>>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < batch.Count; i++)
        {
            if (!groups.TryGetValue(batch[i].Model, out List<int>? indices))
            {
                indices = [];
                groups.Add(batch[i].Model, indices);
            }

            indices.Add(i);
        }

        foreach ((IWindowModel model, List<int> indices) in groups)
        {
            int size = model.WindowLength * model.Channels;
            float[] buffer = RentBuffer(model, size * indices.Count);
            for (int j = 0; j < indices.Count; j++)
            {
                batch[indices[j]].Values.AsSpan(0, size).CopyTo(buffer.AsSpan(j * size, size));
            }

            IReadOnlyList<WindowScore> results = model.Score(buffer, indices.Count);
            if (results.Count != indices.Count)
            {
                throw new InvalidOperationException(
                    $"Model '{model.Version}' returned {results.Count} score(s) for {indices.Count} window(s); it must return one per window.");
            }

            for (int j = 0; j < indices.Count; j++)
            {
                scores[indices[j]] = results[j];
            }
        }

        return scores;
    }

    private void Evaluate(PendingWindow window, WindowScore score, LiveSettings live)
    {
        SeriesState series = window.Series;
        if (!ReferenceEquals(series.ThresholdModel, window.Model) || series.Threshold is null)
        {
            series.Threshold = window.Model.CreateThreshold();
            series.ThresholdModel = window.Model;
        }

        double threshold = series.Threshold.Value;
        bool anomalous = score.Score > threshold;
        series.Threshold.Observe(score.Score);
        series.Episode.SetRule(live.EpisodeQuietPeriod, live.EpisodeEscalationFactor);
        EpisodeDecision decision = series.Episode.Observe(anomalous, score.Score, window.WindowEnd);
        _counters.AddLatencySample(_time.GetUtcNow() - window.RecordTime);
        NotifySink(window, score.Score, threshold, anomalous);

        if (!decision.SendAlert)
        {
            if (anomalous)
            {
                _counters.AddSuppressed();
            }

            _completions.Complete(window.Source);
            return;
        }

        Alert alert = CreateAlert(window, score, threshold, decision, live.TopChannels);
        var message = new Message<byte[]?, byte[]?>
        {
            Key = Encoding.UTF8.GetBytes(series.SeriesId),
            Value = AlertSerializer.Serialize(alert),
        };
        Action? onDelivered = _observer is null ? null : () => _observer.OnAlertDelivered(_time.GetUtcNow() - window.RecordTime);
        _producer.Send(_options.AlertTopic, message, window.Source, _hardStop, onDelivered);
        _counters.AddAlert();
    }

    private void NotifySink(PendingWindow window, double score, double threshold, bool anomalous)
    {
        if (_sink is null)
        {
            return;
        }

        IWindowModel model = window.Model;
        try
        {
            _sink.OnWindowScored(model, window.Series.SeriesId, window.Values.AsSpan(0, model.WindowLength * model.Channels), score, threshold,
                anomalous, window.WindowEnd);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            // The sink is an optional consumer of scores; its failure must not cost an alert or an offset.
            _counters.AddScoredWindowSinkFailure();
            if (_sinkFailureLog.ShouldWrite(error.GetType().FullName ?? "", out _))
            {
                Log.ScoredWindowSinkFailed(_logger, window.Series.SeriesId, _counters.ScoredWindowSinkFailures, error);
            }
        }
    }

    private static Alert CreateAlert(PendingWindow window, WindowScore score, double threshold, EpisodeDecision decision, int topChannels)
    {
        TopicPartitionOffset source = window.Source;
        bool isEvent = window.Event is not null && window.Model is IEventModel;
        return new Alert(
            AlertId.Compute(source.Topic, source.Partition.Value, source.Offset.Value),
            window.Series.SeriesId,
            window.WindowEnd,
            score.Score,
            threshold,
            window.Model.Version,
            window.WindowStart,
            window.WindowEnd,
            isEvent ? [] : ChannelShare.Top(score.ChannelResiduals, topChannels),
            new AlertSource(source.Topic, source.Partition.Value, source.Offset.Value),
            new AlertEpisode(decision.StartedAt ?? window.WindowEnd, decision.Windows, decision.Suppressed),
            isEvent ? FieldShare.Top(score.ChannelResiduals, ((IEventModel)window.Model).FeatureFields, topChannels) : null,
            isEvent ? window.Event!.PassThrough : null);
    }

    private float[] RentBuffer(IWindowModel model, int length)
    {
        // Models get an array of exactly [count, channels, length]; full batches reuse the same array.
        if (_buffers.TryGetValue(model, out float[]? buffer) && buffer.Length == length)
        {
            return buffer;
        }

        if (_buffers.Count > 16)
        {
            _buffers.Clear();
        }

        buffer = new float[length];
        _buffers[model] = buffer;
        return buffer;
    }
}
