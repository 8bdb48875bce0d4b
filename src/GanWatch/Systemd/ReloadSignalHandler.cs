using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GanWatch.Systemd;

/// <summary>
/// Handles SIGHUP, which <c>systemctl reload ganwatch</c> sends through <c>ExecReload=/bin/kill -HUP $MAINPID</c>:
/// <see cref="OnReloadRequested"/> sends <c>RELOADING=1</c>, reloads, then sends <c>READY=1</c>.
/// </summary>
/// <remarks>
/// Without this registration SIGHUP would end the process, as the default action of the signal does. The handler
/// returns at once and runs the reload on the thread pool; reloads run one at a time.
/// </remarks>
internal sealed partial class ReloadSignalHandler(SystemdNotifier notifier, ILogger<ReloadSignalHandler> logger) : IHostedService, IDisposable
{
    private readonly Lock _reloadGate = new();
    private PosixSignalRegistration? _registration;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _registration = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
        {
            // Cancel keeps the process alive; the reload must not block the runtime's signal thread.
            context.Cancel = true;
            ThreadPool.QueueUserWorkItem(_ => OnReloadRequested());
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _registration?.Dispose();
        _registration = null;
    }

    /// <summary>
    /// Reloads the configuration, bracketed by <c>RELOADING=1</c> and <c>READY=1</c> so that systemd shows the service
    /// as reloading until the reload has finished. Before the first <c>READY=1</c> no notification is sent, because
    /// systemd is still waiting for the start-up to finish. Thread-safe; concurrent calls run one after the other.
    /// </summary>
    public void OnReloadRequested()
    {
        lock (_reloadGate)
        {
            bool ready = notifier.ReadySent;
            LogReloadRequested(logger);
            if (ready)
            {
                notifier.NotifyReloading();
            }

            try
            {
                // TODO: reload the configuration and the models here; only the notifications are implemented.
            }
            finally
            {
                if (ready)
                {
                    notifier.NotifyReady("Running: configuration reloaded");
                }

                LogReloadFinished(logger);
            }
        }
    }

    [LoggerMessage(EventId = 320, Level = LogLevel.Information, Message = "Reload requested (SIGHUP)")]
    private static partial void LogReloadRequested(ILogger logger);

    [LoggerMessage(EventId = 321, Level = LogLevel.Information, Message = "Reload finished")]
    private static partial void LogReloadFinished(ILogger logger);
}
