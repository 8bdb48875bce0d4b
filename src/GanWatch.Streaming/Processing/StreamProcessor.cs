using Confluent.Kafka;
using GanWatch.Streaming.Diagnostics;
using GanWatch.Streaming.Scoring;
using Microsoft.Extensions.Logging;

namespace GanWatch.Streaming.Processing;

/// <summary>
/// Reads points from the input topic, scores complete per-series windows with the routed models, and writes alerts and
/// dead letters. Each input offset is committed only after its outcome (an alert or dead letter delivered, or nothing
/// to send) is final, so a crash repeats work but never loses it.
/// </summary>
/// <remarks>
/// <para>The consumer runs on its own background thread and the models on a second one; <see cref="RunAsync"/> only
/// waits for them. One instance runs once.</para>
/// <para>Alerts are at least once: after a crash, records past the last commit are scored again and may repeat an alert
/// with the same <c>alertId</c>. A graceful stop commits everything it finished, so a restart repeats nothing.</para>
/// </remarks>
public sealed partial class StreamProcessor
{
    private readonly StreamProcessorOptions _options;
    private readonly IModelRouter _router;
    private readonly ILogger<StreamProcessor> _logger;
    private readonly TimeProvider _time;
    private readonly LiveSettingsSource _live;
    private ConsumerLoop? _loop;
    private IStreamObserver? _observer;
    private IScoredWindowSink? _scoredWindowSink;

    /// <summary>Creates a processor.</summary>
    /// <exception cref="ArgumentException"><paramref name="options"/> are invalid; the message lists every problem.</exception>
    public StreamProcessor(StreamProcessorOptions options, IModelRouter router, ILogger<StreamProcessor> logger, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(router);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options.ThrowIfInvalid();
        _options = options;
        _router = router;
        _logger = logger;
        _time = timeProvider;
        _live = new LiveSettingsSource(LiveSettings.From(options));
    }

    /// <summary>The event schema the processor runs with, or null when it reads points of series. Fixed for the processor's lifetime.</summary>
    public Events.EventSchemaOptions? EventSchema => _options.EventSchema;

    /// <summary>Counters of this processor, for metrics.</summary>
    public StreamCounters Counters { get; } = new();

    /// <summary>
    /// Receives batch and alert measurements; null (the default) for none. Read once when <see cref="RunAsync"/> starts.
    /// </summary>
    /// <exception cref="InvalidOperationException">The processor was already started.</exception>
    public IStreamObserver? Observer
    {
        get => _observer;
        set
        {
            if (Volatile.Read(ref _loop) is not null)
            {
                throw new InvalidOperationException("This stream processor was already started; set its observer before calling RunAsync.");
            }

            _observer = value;
        }
    }

    /// <summary>
    /// Receives every scored window; null (the default) for none. Read once when <see cref="RunAsync"/> starts.
    /// </summary>
    /// <exception cref="InvalidOperationException">The processor was already started.</exception>
    public IScoredWindowSink? ScoredWindowSink
    {
        get => _scoredWindowSink;
        set
        {
            if (Volatile.Read(ref _loop) is not null)
            {
                throw new InvalidOperationException("This stream processor was already started; set its scored-window sink before calling RunAsync.");
            }

            _scoredWindowSink = value;
        }
    }

    /// <summary>
    /// Runs until <paramref name="cancellationToken"/> is cancelled or <see cref="StopAsync"/> is called, then stops
    /// gracefully within <see cref="StreamProcessorOptions.ShutdownTimeout"/>.
    /// </summary>
    /// <returns>A task that completes after the graceful stop.</returns>
    /// <exception cref="DeliveryFailedException">An alert or dead letter was not delivered.</exception>
    /// <exception cref="KafkaException">A fatal Kafka error occurred.</exception>
    /// <exception cref="InvalidOperationException">The processor was already started.</exception>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var loop = new ConsumerLoop(_options, _live, _router, _logger, _time, Counters, OnAssigned, OnRevoked, _observer, _scoredWindowSink);
        if (Interlocked.CompareExchange(ref _loop, loop, null) is not null)
        {
            throw new InvalidOperationException("This stream processor was already started; create a new instance to run again.");
        }

        using CancellationTokenRegistration registration = cancellationToken.Register(loop.RequestStop);
        loop.Start();
        try
        {
            await loop.Completion.ConfigureAwait(false);
        }
        finally
        {
            // A consumer that failed without a clean close had no revoke, yet a stopped consumer has no partitions.
            ClearAssignment();
        }
    }

    /// <summary>Asks the processor to stop gracefully and waits for <see cref="RunAsync"/> to finish.</summary>
    /// <param name="cancellationToken">Stops the wait; the shutdown itself continues.</param>
    /// <exception cref="DeliveryFailedException">The run ended with a failed delivery.</exception>
    /// <exception cref="KafkaException">The run ended with a fatal Kafka error.</exception>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        ConsumerLoop? loop = Volatile.Read(ref _loop);
        if (loop is null)
        {
            return;
        }

        loop.RequestStop();
        await loop.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
    }
}
