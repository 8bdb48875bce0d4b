using System.Runtime.InteropServices;
using GanWatch.Reload;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GanWatch.Systemd;

/// <summary>
/// Handles SIGHUP, which <c>systemctl reload ganwatch</c> sends through <c>ExecReload=/bin/kill -HUP $MAINPID</c>:
/// <see cref="OnReloadRequestedAsync"/> sends <c>RELOADING=1</c>, reloads, then sends <c>READY=1</c>.
/// </summary>
/// <remarks>
/// Without this registration SIGHUP would end the process, as the default action of the signal does. The handler
/// returns at once and runs the reload on the thread pool; reloads run one at a time.
/// </remarks>
internal sealed partial class ReloadSignalHandler(SystemdNotifier notifier, ConfigurationReloader reloader, ILogger<ReloadSignalHandler> logger)
    : IHostedService, IDisposable
{
    private readonly SemaphoreSlim _reloadGate = new(1, 1);
    private PosixSignalRegistration? _registration;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _registration = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
        {
            // Cancel keeps the process alive; the reload must not block the runtime's signal thread.
            context.Cancel = true;
            _ = Task.Run(OnReloadRequestedAsync);
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
    public async Task OnReloadRequestedAsync()
    {
        await _reloadGate.WaitAsync().ConfigureAwait(false);
        try
        {
            bool ready = notifier.ReadySent;
            LogReloadRequested(logger);
            if (ready)
            {
                notifier.NotifyReloading();
            }

            try
            {
                // The reloader logs and counts its own outcome, including a rejected configuration.
                await reloader.ReloadAsync("SIGHUP").ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                LogReloadFailed(logger, ex);
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
        finally
        {
            _reloadGate.Release();
        }
    }

    [LoggerMessage(EventId = 320, Level = LogLevel.Information, Message = "Reload requested (SIGHUP)")]
    private static partial void LogReloadRequested(ILogger logger);

    [LoggerMessage(EventId = 321, Level = LogLevel.Information, Message = "Reload finished")]
    private static partial void LogReloadFinished(ILogger logger);

    [LoggerMessage(EventId = 322, Level = LogLevel.Error, Message = "Reload on SIGHUP failed; the running configuration stays")]
    private static partial void LogReloadFailed(ILogger logger, Exception exception);
}
