using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GanWatch.Systemd;

/// <summary>
/// Sends sd_notify(3) messages (<c>READY=1</c>, <c>STATUS=</c>, <c>WATCHDOG=1</c>, <c>RELOADING=1</c>,
/// <c>STOPPING=1</c>) as datagrams to the unix socket named by <c>NOTIFY_SOCKET</c>. Every method is a no-op when the
/// variable is absent, so the daemon runs the same outside systemd.
/// </summary>
/// <remarks>
/// <para>Thread-safe. Socket errors are logged once per run of failures and not thrown, because a service manager
/// that stopped listening must not stop the daemon.</para>
/// <para>This replaces the notifier of Microsoft.Extensions.Hosting.Systemd 10, whose <c>SystemdLifetime</c> sends
/// <c>READY=1</c> as soon as the host has started, before the model is loaded and the consumer has joined its group.</para>
/// </remarks>
internal sealed partial class SystemdNotifier : ISystemdNotifier, IDisposable
{
    private readonly UnixDomainSocketEndPoint? _endpoint;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private Socket? _socket;
    private bool _failing;
    private bool _readySent;

    /// <summary>Creates a notifier from this process' environment.</summary>
    public SystemdNotifier(ILogger<SystemdNotifier> logger)
        : this(SystemdEnvironment.FromProcess(), logger)
    {
    }

    /// <summary>Creates a notifier from <paramref name="environment"/>; tests pass their own values.</summary>
    public SystemdNotifier(SystemdEnvironment environment, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        Environment = environment;
        _logger = logger ?? NullLogger.Instance;
        if (environment.NotifySocket is { } path)
        {
            // An address starting with '@' is in the abstract namespace, which the socket API spells with a leading NUL.
            _endpoint = new UnixDomainSocketEndPoint(path[0] == '@' ? "\0" + path[1..] : path);
        }
    }

    /// <summary>The systemd variables this notifier was created from.</summary>
    public SystemdEnvironment Environment { get; }

    /// <summary>Whether <c>NOTIFY_SOCKET</c> is set, so messages are sent.</summary>
    public bool IsEnabled => _endpoint is not null;

    /// <summary>Whether <c>READY=1</c> was sent at least once.</summary>
    public bool ReadySent => Volatile.Read(ref _readySent);

    /// <summary>Sends <c>READY=1</c>, with a <c>STATUS=</c> line when <paramref name="status"/> is given.</summary>
    public void NotifyReady(string? status = null)
    {
        Volatile.Write(ref _readySent, true);
        Send(status is null ? "READY=1" : "READY=1\n" + StatusLine(status));
    }

    /// <summary>
    /// Sends <c>RELOADING=1</c> with <c>MONOTONIC_USEC</c> (CLOCK_MONOTONIC now, which <c>Type=notify-reload</c> units
    /// require). Send <see cref="NotifyReady"/> when the reload has finished.
    /// </summary>
    public void NotifyReloading() =>
        Send("RELOADING=1\nMONOTONIC_USEC=" + MonotonicClock.NowMicroseconds().ToString(CultureInfo.InvariantCulture));

    /// <summary>Sends <c>STOPPING=1</c>, with a <c>STATUS=</c> line when <paramref name="status"/> is given.</summary>
    public void NotifyStopping(string? status = null) =>
        Send(status is null ? "STOPPING=1" : "STOPPING=1\n" + StatusLine(status));

    /// <summary>Sends <c>STATUS=</c> with <paramref name="status"/>; line breaks become spaces.</summary>
    public void NotifyStatus(string status) => Send(StatusLine(status));

    /// <summary>Sends <c>WATCHDOG=1</c>. Call it every <see cref="SystemdEnvironment.WatchdogInterval"/> while healthy.</summary>
    public void NotifyWatchdog() => Send("WATCHDOG=1");

    /// <inheritdoc/>
    void ISystemdNotifier.Notify(ServiceState state) => Send(state.ToString());

    /// <summary>
    /// Sends <paramref name="message"/> (newline-separated <c>KEY=value</c> assignments) as one datagram.
    /// </summary>
    /// <returns>True when the datagram was sent; false when notifications are disabled or the send failed.</returns>
    public bool Send(string message)
    {
        if (_endpoint is null)
        {
            return false;
        }

        byte[] datagram = Encoding.UTF8.GetBytes(message);
        lock (_gate)
        {
            try
            {
                _socket ??= new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
                _socket.SendTo(datagram, SocketFlags.None, _endpoint);
                if (_failing)
                {
                    _failing = false;
                    LogSendRecovered(_logger, Environment.NotifySocket!);
                }

                return true;
            }
            catch (SocketException error)
            {
                if (!_failing)
                {
                    _failing = true;
                    LogSendFailed(_logger, error, Environment.NotifySocket!, error.SocketErrorCode.ToString());
                }

                return false;
            }
        }
    }

    /// <summary>Closes the socket.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _socket?.Dispose();
            _socket = null;
        }
    }

    private static string StatusLine(string status) =>
        "STATUS=" + status.ReplaceLineEndings(" ");

    [LoggerMessage(EventId = 300, Level = LogLevel.Warning, Message = "Sending a notification to the systemd socket {NotifySocket} failed ({SocketError}); later failures are not logged until a send succeeds")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, string notifySocket, string socketError);

    [LoggerMessage(EventId = 301, Level = LogLevel.Information, Message = "Notifications to the systemd socket {NotifySocket} succeed again")]
    private static partial void LogSendRecovered(ILogger logger, string notifySocket);
}
