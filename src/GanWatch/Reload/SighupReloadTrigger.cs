using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace GanWatch.Reload;

/// <summary>
/// Reloads the configuration on SIGHUP, the signal <c>systemctl reload</c> and <c>kill -HUP</c> send. The signal's
/// default action, which ends the process, is cancelled.
/// </summary>
internal sealed class SighupReloadTrigger : IDisposable
{
    private readonly ConfigurationReloader _reloader;
    private readonly ILogger _logger;
    private readonly PosixSignalRegistration _registration;

    /// <summary>Registers the SIGHUP handler.</summary>
    /// <exception cref="PlatformNotSupportedException">The platform has no SIGHUP.</exception>
    public SighupReloadTrigger(ConfigurationReloader reloader, ILogger logger)
    {
        _reloader = reloader;
        _logger = logger;
        _registration = PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnSignal);
    }

    public void Dispose() => _registration.Dispose();

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        ReloadLog.SignalReceived(_logger);
        _ = _reloader.ReloadAsync("SIGHUP");
    }
}
