using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace GanWatch.Reload;

/// <summary>
/// Listens for configuration file changes while the host runs, and reloads on each. SIGHUP is handled by
/// <see cref="Systemd.ReloadSignalHandler"/>, which brackets the same reload with systemd's RELOADING=1 and READY=1.
/// </summary>
internal sealed class ReloadTriggerService(
    IConfiguration configuration,
    ConfigurationReloader reloader,
    TimeProvider time) : IHostedService, IDisposable
{
    private FileChangeReloadTrigger? _files;

    public Task StartAsync(CancellationToken cancellationToken)
    {
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
        _files?.Dispose();
        _files = null;
    }
}
