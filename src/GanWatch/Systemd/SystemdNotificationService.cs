using Confluent.Kafka;
using GanWatch.Models;
using GanWatch.Streaming.Diagnostics;
using GanWatch.Streaming.Processing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GanWatch.Systemd;

/// <summary>
/// Tells systemd what the daemon is doing: <c>READY=1</c> once the models are loaded and the consumer has joined its
/// group, a <c>STATUS=</c> line every <see cref="StatusInterval"/>, <c>WATCHDOG=1</c> every half
/// <c>WATCHDOG_USEC</c> while the pipeline is not stalled, and <c>STOPPING=1</c> when the host begins to stop.
/// </summary>
/// <remarks>
/// Register it before the stream worker, so it subscribes to <see cref="StreamProcessor.PartitionsAssigned"/> before
/// the processor starts. Resolving it resolves the processor and so loads the models.
/// </remarks>
internal sealed partial class SystemdNotificationService(
    SystemdNotifier notifier,
    StreamProcessor processor,
    SwappableModelRouter models,
    IOptions<StreamProcessorOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider timeProvider,
    ILogger<SystemdNotificationService> logger) : IHostedService, IDisposable
{
    /// <summary>Interval between <c>STATUS=</c> updates.</summary>
    public static readonly TimeSpan StatusInterval = TimeSpan.FromSeconds(5);

    private readonly CancellationTokenSource _stop = new();
    private CancellationTokenRegistration _stopping;
    private Task _loop = Task.CompletedTask;
    private int _joined;
    private volatile bool _isStopping;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        StreamProcessorOptions stream = options.Value;
        SystemdEnvironment environment = notifier.Environment;
        if (environment.WatchdogIgnoredReason is { } reason)
        {
            LogWatchdogIgnored(logger, reason);
        }

        processor.PartitionsAssigned += OnPartitionsAssigned;
        _stopping = lifetime.ApplicationStopping.Register(OnStopping);
        notifier.NotifyStatus($"Joining consumer group {stream.GroupId} on topic {stream.InputTopic}");
        if (notifier.IsEnabled)
        {
            _loop = RunAsync(environment.WatchdogInterval, environment.WatchdogTimeout, _stop.Token);
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        processor.PartitionsAssigned -= OnPartitionsAssigned;
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        _stopping.Dispose();
        _stop.Dispose();
    }

    /// <summary>
    /// Runs on the consumer thread. The first assignment means the consumer has joined its group, even when it is
    /// empty because the group has more members than the topic has partitions.
    /// </summary>
    private void OnPartitionsAssigned(IReadOnlyList<TopicPartition> partitions)
    {
        if (_isStopping || Interlocked.Exchange(ref _joined, 1) == 1)
        {
            return;
        }

        StreamProcessorOptions stream = options.Value;
        notifier.NotifyReady($"Running: joined consumer group {stream.GroupId} with {partitions.Count} partition(s) of {stream.InputTopic}");
        LogReady(logger, stream.GroupId, partitions.Count);
    }

    private void OnStopping()
    {
        _isStopping = true;
        notifier.NotifyStopping("Stopping: finishing queued windows and committing offsets");
    }

    private async Task RunAsync(TimeSpan? watchdogInterval, TimeSpan? watchdogTimeout, CancellationToken cancellationToken)
    {
        TimeSpan tick = watchdogInterval is { } interval && interval < StatusInterval ? interval : StatusInterval;
        var stalls = new StallDetector(watchdogTimeout ?? StatusInterval * 6, timeProvider);
        var report = new StatusReport(processor.Counters, () => models.Current.Models.Values.Select(model => model.Version), timeProvider);
        long lastStatus = timeProvider.GetTimestamp();
        string? stall = null;
        using var timer = new PeriodicTimer(tick, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                StreamCounters counters = processor.Counters;
                string? previous = stall;
                stall = stalls.Check(counters.ConsumerPolls, counters.PendingWindows, counters.Batches);
                if (stall is null && watchdogInterval is not null)
                {
                    notifier.NotifyWatchdog();
                }

                if (stall is not null && previous is null)
                {
                    LogStalled(logger, stall);
                    notifier.NotifyStatus("Stalled: " + stall + "; watchdog pings stopped");
                }
                else if (stall is null && previous is not null)
                {
                    LogRecovered(logger);
                }

                bool statusDue = timeProvider.GetElapsedTime(lastStatus) >= StatusInterval - (tick / 2);
                if (stall is null && statusDue && !_isStopping && Volatile.Read(ref _joined) == 1)
                {
                    notifier.NotifyStatus(report.Next());
                    lastStatus = timeProvider.GetTimestamp();
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }

    [LoggerMessage(EventId = 310, Level = LogLevel.Information, Message = "Ready: joined consumer group {GroupId} with {PartitionCount} partition(s)")]
    private static partial void LogReady(ILogger logger, string groupId, int partitionCount);

    [LoggerMessage(EventId = 311, Level = LogLevel.Error, Message = "Stream pipeline stalled: {Reason}; watchdog pings stopped, so systemd restarts the service if it does not recover")]
    private static partial void LogStalled(ILogger logger, string reason);

    [LoggerMessage(EventId = 312, Level = LogLevel.Information, Message = "Stream pipeline progresses again; watchdog pings resumed")]
    private static partial void LogRecovered(ILogger logger);

    [LoggerMessage(EventId = 313, Level = LogLevel.Warning, Message = "The systemd watchdog is off for this process: {Reason}")]
    private static partial void LogWatchdogIgnored(ILogger logger, string reason);
}
