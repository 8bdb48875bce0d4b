using GanWatch.Systemd;
using GanWatch.Tests.Support;

namespace GanWatch.Tests.Systemd;

/// <summary><see cref="SystemdNotifier"/> and <see cref="SystemdEnvironment"/> against a real datagram socket in this process.</summary>
public sealed class SystemdNotifierTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task SendsToPathSocket()
    {
        using var directory = TempDirectory.Create("ganwatch-notifier");
        using var listener = new NotifySocketListener(directory.File("notify.sock"));
        using var notifier = new SystemdNotifier(Environment(("NOTIFY_SOCKET", listener.Address)));

        Assert.True(notifier.IsEnabled);
        Assert.False(notifier.ReadySent);
        notifier.NotifyReady("Running: line one\nline two");
        notifier.NotifyWatchdog();

        CancellationToken cancellationToken = TestContext.Current.CancellationToken;
        int ready = await listener.WaitForAsync(m => m.Has("READY=1"), "READY=1", Timeout, cancellationToken);
        await listener.WaitForAsync(m => m.Text == "WATCHDOG=1", "WATCHDOG=1", Timeout, cancellationToken, after: ready);
        Assert.Equal("Running: line one line two", listener.Messages[ready].Status);
        Assert.True(notifier.ReadySent);
    }

    [Fact]
    public async Task SendsToAbstractSocket()
    {
        using var listener = new NotifySocketListener("@ganwatch-test-" + Guid.NewGuid().ToString("N"));
        using var notifier = new SystemdNotifier(Environment(("NOTIFY_SOCKET", listener.Address)));

        notifier.NotifyReloading();
        notifier.NotifyStopping();

        CancellationToken cancellationToken = TestContext.Current.CancellationToken;
        int reloading = await listener.WaitForAsync(m => m.Has("RELOADING=1"), "RELOADING=1", Timeout, cancellationToken);
        await listener.WaitForAsync(m => m.Has("STOPPING=1"), "STOPPING=1", Timeout, cancellationToken, after: reloading);
        Assert.Matches(@"\nMONOTONIC_USEC=[1-9]\d*$", listener.Messages[reloading].Text);
    }

    [Fact]
    public void WithoutNotifySocketDoesNothing()
    {
        using var notifier = new SystemdNotifier(Environment(("WATCHDOG_USEC", "2000000")));

        Assert.False(notifier.IsEnabled);
        Assert.False(notifier.Send("READY=1"));
    }

    [Fact]
    public void UnboundSocketReturnsFalse()
    {
        using var directory = TempDirectory.Create("ganwatch-notifier");
        using var notifier = new SystemdNotifier(Environment(("NOTIFY_SOCKET", directory.File("nobody-listens.sock"))));

        Assert.True(notifier.IsEnabled);
        Assert.False(notifier.Send("READY=1"));
    }

    [Theory]
    [InlineData(null, null, 0.0, false)]
    [InlineData("2000000", null, 1.0, false)]
    [InlineData("30000000", "4242", 15.0, false)]
    [InlineData("30000000", "1", 0.0, true)]
    [InlineData("0", null, 0.0, true)]
    [InlineData("ten", null, 0.0, true)]
    [InlineData("2000000", "abc", 0.0, true)]
    public void WatchdogFollowsUsecAndPid(string? usec, string? pid, double expectedIntervalSeconds, bool ignored)
    {
        SystemdEnvironment environment = SystemdEnvironment.Parse(
            name => name switch { "WATCHDOG_USEC" => usec, "WATCHDOG_PID" => pid, _ => null },
            processId: 4242);

        TimeSpan? expected = expectedIntervalSeconds > 0 ? TimeSpan.FromSeconds(expectedIntervalSeconds) : null;
        Assert.Equal(expected, environment.WatchdogInterval);
        Assert.Equal(ignored, environment.WatchdogIgnoredReason is not null);
        Assert.Null(environment.NotifySocket);
    }

    private static SystemdEnvironment Environment(params (string Name, string Value)[] variables) =>
        SystemdEnvironment.Parse(name => variables.FirstOrDefault(v => v.Name == name).Value, processId: 4242);
}
