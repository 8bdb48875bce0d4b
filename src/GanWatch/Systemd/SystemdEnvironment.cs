using System.Globalization;

namespace GanWatch.Systemd;

/// <summary>
/// The variables systemd sets for a <c>Type=notify</c> service: <c>NOTIFY_SOCKET</c>, and with <c>WatchdogSec=</c>,
/// <c>WATCHDOG_USEC</c> and <c>WATCHDOG_PID</c>. The watchdog rules follow sd_watchdog_enabled(3).
/// </summary>
internal sealed record SystemdEnvironment
{
    /// <summary>Address of the notification socket: a file path, or an abstract name starting with '@'; null when unset.</summary>
    public string? NotifySocket { get; init; }

    /// <summary>
    /// Time after which systemd considers the service hung when no <c>WATCHDOG=1</c> arrived; null when the watchdog
    /// is off for this process (unset, invalid, or <c>WATCHDOG_PID</c> names another process).
    /// </summary>
    public TimeSpan? WatchdogTimeout { get; init; }

    /// <summary>Why a set <c>WATCHDOG_USEC</c> is ignored, for the log; null when it is used or unset.</summary>
    public string? WatchdogIgnoredReason { get; init; }

    /// <summary>Interval between <c>WATCHDOG=1</c> pings: half of <see cref="WatchdogTimeout"/>, as sd_watchdog_enabled(3) recommends.</summary>
    public TimeSpan? WatchdogInterval => WatchdogTimeout / 2;

    /// <summary>Reads the variables of this process.</summary>
    public static SystemdEnvironment FromProcess() =>
        Parse(Environment.GetEnvironmentVariable, Environment.ProcessId);

    /// <summary>
    /// Reads the variables through <paramref name="getVariable"/>. The watchdog applies when <c>WATCHDOG_USEC</c> is a
    /// positive integer and <c>WATCHDOG_PID</c> is absent or equals <paramref name="processId"/>.
    /// </summary>
    public static SystemdEnvironment Parse(Func<string, string?> getVariable, int processId)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        string? socket = getVariable("NOTIFY_SOCKET");
        string? usec = getVariable("WATCHDOG_USEC");
        string? pid = getVariable("WATCHDOG_PID");
        var result = new SystemdEnvironment { NotifySocket = string.IsNullOrEmpty(socket) ? null : socket };
        if (string.IsNullOrEmpty(usec))
        {
            return result;
        }

        if (!long.TryParse(usec, NumberStyles.None, CultureInfo.InvariantCulture, out long microseconds) || microseconds <= 0)
        {
            return result with { WatchdogIgnoredReason = $"WATCHDOG_USEC '{usec}' is not a positive number of microseconds" };
        }

        if (!string.IsNullOrEmpty(pid))
        {
            if (!int.TryParse(pid, NumberStyles.None, CultureInfo.InvariantCulture, out int watchdogPid))
            {
                return result with { WatchdogIgnoredReason = $"WATCHDOG_PID '{pid}' is not a process id" };
            }

            if (watchdogPid != processId)
            {
                return result with { WatchdogIgnoredReason = $"WATCHDOG_PID {watchdogPid} is another process than this one ({processId})" };
            }
        }

        return result with { WatchdogTimeout = TimeSpan.FromMicroseconds(microseconds) };
    }
}
