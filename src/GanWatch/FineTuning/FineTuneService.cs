using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using GanWatch.Metrics;
using GanWatch.Models;
using GanWatch.Streaming.ModelDistribution;
using GanWatch.Streaming.Processing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GanWatch.FineTuning;

/// <summary>
/// Keeps the models current. It buffers recent normal windows per model and fine-tunes on schedule or on SIGUSR1 while
/// this instance owns partition 0 of the input topic. It swaps accepted candidates in and shares versions with the other
/// instances of the group through the model topic.
/// </summary>
/// <remarks>
/// <para>Register it before the stream worker: its start sets the processor's scored-window sink and, with a model
/// topic, imports the newest published versions before the stream starts (and so before systemd hears READY=1).</para>
/// <para>One loop does all the work in turn: imports, scheduled runs and requested runs. The training itself runs on a
/// dedicated thread and takes no lock the scoring thread uses, although both share the CPU or device. Catalog swaps
/// take turns with configuration reloads through <see cref="ModelSwapGate"/>.</para>
/// </remarks>
internal sealed partial class FineTuneService : IHostedService, IDisposable
{
    /// <summary>SIGUSR1 on Linux (x86-64 and arm64); .NET's <see cref="PosixSignal"/> has no named member for it.</summary>
    public const int SignalUser1 = 10;

    private static readonly TimeSpan TickInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LoopRetryDelay = TimeSpan.FromSeconds(5);

    private readonly FineTuneServiceOptions _options;
    private readonly StreamProcessorOptions _stream;
    private readonly StreamProcessor _processor;
    private readonly SwappableModelRouter _router;
    private readonly ModelSwapGate _gate;
    private readonly GanWatchMetrics? _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly bool _handleSignal;
    private readonly FineTuneBuffers _buffers;
    private readonly FineTuneSchedule _schedule;
    private readonly SemaphoreSlim _wake = new(0);
    private readonly ConcurrentQueue<ModelPackage> _arrivals = new();
    private readonly CancellationTokenSource _stopping = new();
    private PosixSignalRegistration? _signal;
    private ModelPackageReader? _reader;
    private ModelPackagePublisher? _publisher;
    private ModelCatalog? _synchronizedCatalog;
    private Task _loop = Task.CompletedTask;
    private int _requested;
    private int _disposed;

    /// <summary>Creates the service; <paramref name="handleSignal"/> is false for hosts embedded in other commands, which must not take SIGUSR1.</summary>
    public FineTuneService(FineTuneServiceOptions options, StreamProcessorOptions stream, StreamProcessor processor, SwappableModelRouter router,
        ModelSwapGate gate, GanWatchMetrics? metrics, TimeProvider time, ILogger<FineTuneService> logger, bool handleSignal)
    {
        _options = options;
        _stream = stream;
        _processor = processor;
        _router = router;
        _gate = gate;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _handleSignal = handleSignal;
        _buffers = new FineTuneBuffers(options.Tuning);
        _schedule = new FineTuneSchedule(options.IntervalWindows, options.Interval, time);
    }

    /// <summary>
    /// Connects the buffers to the processor, reads the model topic and swaps in newer published versions, then starts
    /// the loop. Waits for the topic as long as the brokers are unreachable, until the host stops.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        LogPinnedModels();
        if (_options.Enabled)
        {
            SynchronizeBuffers();
            _processor.ScoredWindowSink = _buffers;
            FineTuneLog.Enabled(_logger, _options.IntervalWindows, _options.Interval, _options.KeepVersions,
                string.Join(", ", _buffers.Buffers.Select(entry => entry.Key.Directory)));
        }

        if (_options.UsesModelTopic)
        {
            await StartModelTopicAsync(cancellationToken).ConfigureAwait(false);
        }

        if (_handleSignal)
        {
            _signal = PosixSignalRegistration.Create((PosixSignal)SignalUser1, context =>
            {
                // Cancel keeps the process alive: the default action of SIGUSR1 ends it.
                context.Cancel = true;
                RequestRun();
            });
        }

        _loop = Task.Run(() => RunLoopAsync(_stopping.Token), CancellationToken.None);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _signal?.Dispose();
        _signal = null;
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // The loop ended by the stop request.
        }
    }

    /// <summary>Stops the model topic clients. Idempotent, because the host disposes the service once as a singleton and once as a hosted service.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _signal?.Dispose();
        _stopping.Cancel();
        _reader?.Dispose();
        _publisher?.Dispose();
        _stopping.Dispose();
        _wake.Dispose();
    }

    /// <summary>Asks for one fine-tuning run of every unpinned model, as SIGUSR1 does. Thread-safe; returns at once.</summary>
    public void RequestRun()
    {
        FineTuneLog.Requested(_logger);
        if (!_options.Enabled)
        {
            FineTuneLog.RequestIgnoredDisabled(_logger);
            return;
        }

        Volatile.Write(ref _requested, 1);
        Wake();
    }

    private void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (ObjectDisposedException)
        {
            // The service was disposed; nothing is left to wake.
        }
    }

    private async Task RunLoopAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await _wake.WaitAsync(TickInterval, stopping).ConfigureAwait(false);
                await ImportArrivalsAsync(stopping).ConfigureAwait(false);
                if (_options.Enabled)
                {
                    SynchronizeBuffers();
                    await RunDueAsync(stopping).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error) when (error is not OutOfMemoryException)
            {
                FineTuneLog.LoopFailed(_logger, LoopRetryDelay, error);
                await Task.Delay(LoopRetryDelay, _time, stopping).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Gives new models a buffer after a reload or swap replaced the catalog.</summary>
    private void SynchronizeBuffers()
    {
        ModelCatalog current = _router.Current;
        if (!ReferenceEquals(current, _synchronizedCatalog))
        {
            _buffers.Synchronize(current);
            _synchronizedCatalog = current;
        }
    }

    private void LogPinnedModels()
    {
        foreach (ModelSource source in _router.Current.Models.Keys.Where(source => source.IsPinned))
        {
            FineTuneLog.Pinned(_logger, source.Directory, source.PinnedVersion!);
        }
    }

    /// <summary>
    /// Returns whether <paramref name="live"/> is still the catalog's model of its source, and the version of the model
    /// that is. The caller has entered <see cref="ModelSwapGate"/>, so the result stays valid until it leaves the gate.
    /// </summary>
    private bool IsLive(EngineWindowModel live, out string liveVersion)
    {
        bool found = _router.Current.Models.TryGetValue(live.Source, out EngineWindowModel? now);
        liveVersion = now?.Version ?? "(none)";
        return found && ReferenceEquals(now, live);
    }

    /// <summary>
    /// Replaces <paramref name="live"/> with <paramref name="replacement"/> in the catalog and disposes
    /// <paramref name="live"/> once no queued window uses it. The caller has entered <see cref="ModelSwapGate"/> and has
    /// checked <see cref="IsLive"/>.
    /// </summary>
    /// <remarks>
    /// The model's buffer is cleared, so that the next run learns only from windows seen since this version took over.
    /// </remarks>
    private void Swap(EngineWindowModel live, EngineWindowModel replacement, string origin)
    {
        IReadOnlyList<EngineWindowModel> retired = _router.Swap(_router.Current.WithModel(replacement));
        _buffers.BufferOf(live.Source)?.Clear();
        FineTuneLog.Swapped(_logger, live.Source.Directory, replacement.Version, origin, live.Version);
        _ = ModelRetirement.DisposeWhenUnusedAsync(_processor, _router, retired, _logger, _stopping.Token);
    }
}
