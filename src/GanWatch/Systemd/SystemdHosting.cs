using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;

namespace GanWatch.Systemd;

/// <summary>Registers the daemon's systemd integration: notifications, watchdog, SIGHUP and journal-friendly logs.</summary>
internal static class SystemdHosting
{
    /// <summary>
    /// Whether standard output goes to the systemd journal. systemd sets <c>JOURNAL_STREAM</c> for a service whose
    /// output it connects to the journal.
    /// </summary>
    // NOTE: the device and inode in the variable are not compared with standard output, so a child of such a service
    // whose output is redirected elsewhere still counts as connected.
    public static bool IsJournalConnected => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("JOURNAL_STREAM"));

    /// <summary>
    /// Adds the console logger: single lines with a <c>&lt;N&gt;</c> syslog priority prefix, which journald stores as the
    /// line's priority, when <see cref="IsJournalConnected"/>; otherwise single lines with a time stamp.
    /// </summary>
    public static ILoggingBuilder AddGanWatchConsole(this ILoggingBuilder logging)
    {
        if (IsJournalConnected)
        {
            // journald adds its own time stamps.
            return logging.AddSystemdConsole(options => options.IncludeScopes = false);
        }

        return logging.AddSimpleConsole(options =>
        {
            options.SingleLine = true;
            options.TimestampFormat = "HH:mm:ss.fff ";
        });
    }

    /// <summary>
    /// Adds <see cref="SystemdNotifier"/> (also as <see cref="ISystemdNotifier"/>), <see cref="SystemdNotificationService"/>
    /// and <see cref="ReloadSignalHandler"/>. Call it before the stream worker is added. It does not add
    /// <c>SystemdLifetime</c>, which would send a second, early <c>READY=1</c>; the default console lifetime handles SIGTERM.
    /// </summary>
    public static IServiceCollection AddGanWatchSystemd(this IServiceCollection services)
    {
        services.TryAddSingleton<SystemdNotifier>();
        services.TryAddSingleton<ISystemdNotifier>(sp => sp.GetRequiredService<SystemdNotifier>());
        services.TryAddSingleton<ReloadSignalHandler>();
        services.AddHostedService<SystemdNotificationService>();
        services.AddHostedService(sp => sp.GetRequiredService<ReloadSignalHandler>());
        return services;
    }
}
