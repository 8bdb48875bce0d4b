using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GanWatch.Reload;

/// <summary>Listens for SIGHUP and configuration file changes while the host runs, and reloads on each.</summary>
internal sealed class ReloadTriggerService(
    IConfiguration configuration,
    ConfigurationReloader reloader,
    TimeProvider time,
    ILogger<ReloadTriggerService> logger) : IHostedService, IDisposable
{
    private SighupReloadTrigger? _signal;
    private FileChangeReloadTrigger? _files;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _signal = new SighupReloadTrigger(reloader, logger);
        _files = new FileChangeReloadTrigger(configuration, reloader, time, FileChangeReloadTrigger.DefaultDebounce);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _signal?.Dispose();
        _files?.Dispose();
        _signal = null;
        _files = null;
    }
}
