using Confluent.Kafka;
using GanWatch.Streaming.Batching;
using GanWatch.Streaming.Diagnostics;
using GanWatch.Streaming.Kafka;
using GanWatch.Streaming.Offsets;
using GanWatch.Streaming.Scoring;
using Microsoft.Extensions.Logging;

namespace GanWatch.Streaming.Processing;

/// <summary>
/// The consumer thread: polls the input topic, decodes records, fills series windows, hands complete windows to the
/// scoring thread, stores offsets, applies back-pressure, handles rebalances and runs the graceful shutdown.
/// </summary>
/// <remarks>Every member except <see cref="RequestStop"/> and the fault callback runs on the consumer thread.</remarks>
internal sealed partial class ConsumerLoop
{
    private static readonly TimeSpan PollTimeout = TimeSpan.FromMilliseconds(100);

    private readonly StreamProcessorOptions _options;
    private readonly LiveSettingsSource _live;
    private readonly IModelRouter _router;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly StreamCounters _counters;
    private readonly Action<IReadOnlyList<TopicPartition>> _onAssigned;
    private readonly Action<IReadOnlyList<TopicPartition>> _onRevoked;
    private readonly IStreamObserver? _observer;
    private readonly IScoredWindowSink? _sink;
    private readonly CompletionQueue _completions;
    private readonly WindowBatcher _batcher = new();
    private readonly OffsetTracker _tracker = new();
    private readonly Dictionary<string, SeriesState> _series = new(StringComparer.Ordinal);
    private readonly Dictionary<TopicPartition, long> _replayUntil = [];
    private readonly Dictionary<TopicPartition, long> _lastStored = [];
    private readonly CancellationTokenSource _hardStop = new();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Thread _thread;
    private OutputProducer? _producer;
    private ScoringWorker? _scoring;
    private IConsumer<byte[]?, byte[]?>? _consumer;
    private LogRedactor _redactor = LogRedactor.None;
    private Exception? _fault;
    private volatile bool _stopRequested;
    private bool _shuttingDown;
    private bool _paused;
    private bool _publishBlocked;
    private bool _pauseDirty;

    public ConsumerLoop(StreamProcessorOptions options, LiveSettingsSource live, IModelRouter router, ILogger logger, TimeProvider time,
        StreamCounters counters, Action<IReadOnlyList<TopicPartition>> onAssigned, Action<IReadOnlyList<TopicPartition>> onRevoked,
        IStreamObserver? observer = null, IScoredWindowSink? sink = null)
    {
        _options = options;
        _live = live;
        _router = router;
        _logger = logger;
        _time = time;
        _counters = counters;
        _onAssigned = onAssigned;
        _onRevoked = onRevoked;
        _observer = observer;
        _sink = sink;
        _completions = new CompletionQueue(SetFault);
        _thread = new Thread(Run) { IsBackground = true, Name = "ganwatch-consumer" };
    }

    /// <summary>Completes when the loop has stopped; faults with the first fatal error.</summary>
    public Task Completion => _completion.Task;

    /// <summary>Starts the consumer thread.</summary>
    public void Start() => _thread.Start();

    /// <summary>Asks the loop to stop gracefully. Thread-safe and idempotent.</summary>
    public void RequestStop() => _stopRequested = true;

    private void SetFault(Exception error)
    {
        if (Interlocked.CompareExchange(ref _fault, error, null) is null)
        {
            _stopRequested = true;
            _hardStop.Cancel();
        }
    }

    private void Run()
    {
        try
        {
            Log.Starting(_logger, _options.InputTopic, _options.GroupId, _options.BootstrapServers);
            KafkaSecrets secrets = KafkaSecrets.Read(_options.Security);
            _redactor = KafkaClientConfigBuilder.CreateRedactor(_options, secrets);
            _producer = new OutputProducer(KafkaClientConfigBuilder.BuildProducer(_options, secrets), _options, _completions, _counters,
                _logger, _time, _redactor);
            _consumer = BuildConsumer(secrets);
            _scoring = new ScoringWorker(_options, _live, _batcher, _producer, _completions, _counters, _time, _logger, _observer, _sink);
            _scoring.Start(_hardStop.Token);
            _consumer.Subscribe(_options.InputTopic);
            Poll();
        }
        catch (Exception error)
        {
            SetFault(error);
        }

        try
        {
            Shutdown();
        }
        catch (Exception error)
        {
            SetFault(error);
        }

        if (_fault is not null)
        {
            Log.Failed(_logger, _fault);
        }
        else
        {
            Log.Stopped(_logger, _counters.RecordsConsumed, _counters.Alerts, _counters.DeadLetters);
        }

        CloseQueueBarriers();
        if (_fault is not null)
        {
            _completion.SetException(_fault);
        }
        else
        {
            _completion.SetResult();
        }
    }

    private void Poll()
    {
        while (!_stopRequested)
        {
            _counters.AddPoll();
            DrainCompletions();
            StoreOffsets();
            ApplyBackPressure();
            UpdateLag();
            ReleaseQueueBarriers();

            ConsumeResult<byte[]?, byte[]?>? result;
            try
            {
                result = _consumer!.Consume(PollTimeout);
            }
            catch (ConsumeException error) when (!error.Error.IsFatal)
            {
                Log.ConsumeFailed(_logger, error.ConsumerRecord?.TopicPartition?.ToString() ?? _options.InputTopic, error.Error.Reason);
                continue;
            }

            if (result is not null && !result.IsPartitionEOF)
            {
                Handle(result);
            }
        }
    }

    private IConsumer<byte[]?, byte[]?> BuildConsumer(KafkaSecrets secrets) =>
        new ConsumerBuilder<byte[]?, byte[]?>(KafkaClientConfigBuilder.BuildConsumer(_options, secrets))
            .SetErrorHandler((_, error) => KafkaErrors.Report(error, "consumer", _logger, _completions, _redactor))
            .SetLogHandler((_, message) => LibrdkafkaLog.Write(_logger, message, _redactor))
            .SetPartitionsAssignedHandler(OnPartitionsAssigned)
            .SetPartitionsRevokedHandler(OnPartitionsRevoked)
            .SetPartitionsLostHandler(OnPartitionsLost)
            .Build();

    private void DrainCompletions()
    {
        while (_completions.TryTake(out TopicPartitionOffset source))
        {
            _tracker.Complete(source.TopicPartition, source.Offset.Value);
        }
    }

    private void StoreOffsets()
    {
        foreach (TopicPartition partition in _tracker.Partitions)
        {
            if (!_tracker.TryGetCommitOffset(partition, out long offset)
                || (_lastStored.TryGetValue(partition, out long stored) && stored == offset))
            {
                continue;
            }

            try
            {
                _consumer!.StoreOffset(new TopicPartitionOffset(partition, offset));
                _lastStored[partition] = offset;
            }
            catch (KafkaException error)
            {
                Log.StoreOffsetFailed(_logger, offset, partition.ToString(), error.Error.Reason);
            }
        }
    }

    private void ApplyBackPressure()
    {
        long pending = _batcher.Pending;
        int maxPending = _live.Current.MaxPendingWindows;
        _counters.SetPendingWindows(pending);
        List<TopicPartition> assignment = _consumer!.Assignment;
        bool publishBlocked = _producer!.IsBlocked;
        if (publishBlocked && !_publishBlocked)
        {
            _counters.AddPublishPause();
            Log.PausedForPublishing(_logger, assignment.Count, _counters.RecordsAwaitingRetry);
        }

        _publishBlocked = publishBlocked;
        if (!_paused && (pending >= maxPending || publishBlocked))
        {
            _consumer.Pause(assignment);
            _paused = true;
            if (!publishBlocked)
            {
                _counters.AddPause();
                Log.Paused(_logger, assignment.Count, pending);
            }
        }
        else if (_paused && pending < maxPending / 2 && !publishBlocked)
        {
            _consumer.Resume(assignment);
            _paused = false;
            Log.Resumed(_logger, assignment.Count, pending);
        }
        else if (_paused && _pauseDirty)
        {
            _consumer.Pause(assignment);
        }

        _pauseDirty = false;
    }
}
