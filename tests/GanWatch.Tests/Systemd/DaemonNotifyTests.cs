using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using GanWatch.Tests.Support;

namespace GanWatch.Tests.Systemd;

/// <summary>
/// <c>ganwatch run</c> as a <c>Type=notify</c> service: the test plays systemd's side of the notification socket and
/// sets the variables systemd sets. The daemon is the <c>ganwatch.dll</c> built next to the tests, which is the same
/// program that <c>dotnet publish</c> writes to the install folder.
/// </summary>
public sealed partial class DaemonNotifyTests(TrainedModelFixture model)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    /// <summary>WATCHDOG_USEC given to the daemons: 2 s, so they ping every second.</summary>
    private static readonly TimeSpan WatchdogTimeout = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task NotifiesReadyStatusWatchdogReloadAndStop()
    {
        CancellationToken cancellationToken = TestContext.Current.CancellationToken;
        using var bed = new DaemonTestBed(model);
        using var listener = new NotifySocketListener(bed.Directory.File("notify.sock"));
        using GanWatchProcess daemon = StartDaemon(bed.Settings, bed.Directory, listener);

        int ready = await listener.WaitForAsync(m => m.Has("READY=1"), "READY=1", Timeout, cancellationToken);
        IReadOnlyList<NotifyMessage> startup = listener.Messages.Take(ready + 1).ToList();
        int loading = IndexOfStatus(startup, "Loading models");
        int joining = IndexOfStatus(startup, "Joining consumer group " + bed.Settings.GroupId);
        Assert.True(loading >= 0, $"no 'Loading models' status before READY=1.{Environment.NewLine}{listener.Describe()}");
        Assert.True(loading < joining, $"the 'Loading models' status came after 'Joining'.{Environment.NewLine}{listener.Describe()}");
        Assert.True(joining < ready, $"READY=1 came before the 'Joining' status.{Environment.NewLine}{listener.Describe()}");

        // The partition count comes from the assignment callback, so READY=1 was sent after the group assigned partitions.
        Assert.Contains($"with {DaemonTestBed.InputPartitions} partition(s)", startup[ready].Status, StringComparison.Ordinal);
        await daemon.WaitForOutputAsync("Partitions assigned:", TimeSpan.FromSeconds(10), cancellationToken);
        Assert.Equal(DaemonTestBed.InputPartitions, DaemonLog.CurrentPartitions(daemon.StandardOutput).Count);

        // Records processed after READY=1 show up as rates in a later STATUS= line.
        List<StreamRecord> records = TestStream.Sine(4, DaemonTestBed.InputPartitions, 0, 300, (_, row) => row == 299);
        await bed.ProduceAsync(records, recordsPerSecond: 0, cancellationToken);
        int running = await listener.WaitForAsync(
            m => m.Status is { } status && RunningStatus().Match(status) is { Success: true } match && Rate(match, "records") > 0 && Rate(match, "windows") > 0,
            "STATUS=Running with records/s and windows/s above zero", TimeSpan.FromSeconds(30), cancellationToken, after: ready);
        Assert.Contains("models " + model.ModelVersion, listener.Messages[running].Status, StringComparison.Ordinal);

        daemon.Hangup();
        int reloading = await listener.WaitForAsync(m => m.Has("RELOADING=1"), "RELOADING=1", TimeSpan.FromSeconds(10), cancellationToken, after: running);
        Assert.Matches(@"(^|\n)MONOTONIC_USEC=\d+($|\n)", listener.Messages[reloading].Text);
        await listener.WaitForAsync(m => m.Has("READY=1"), "READY=1 after RELOADING=1", TimeSpan.FromSeconds(10), cancellationToken, after: reloading);
        Assert.False(daemon.HasExited, "SIGHUP ended the daemon");

        daemon.Terminate();
        int stopping = await listener.WaitForAsync(m => m.Has("STOPPING=1"), "STOPPING=1", TimeSpan.FromSeconds(10), cancellationToken, after: reloading);
        Assert.Equal(0, await daemon.WaitForExitAsync(bed.Settings.ShutdownTimeout + TimeSpan.FromSeconds(10), cancellationToken));

        IReadOnlyList<NotifyMessage> messages = listener.Messages;
        Assert.Equal(2, messages.Count(m => m.Has("READY=1")));
        List<TimeSpan> pings = messages.Skip(ready).Take(stopping - ready).Where(m => m.Has("WATCHDOG=1")).Select(m => m.At).ToList();
        Assert.True(pings.Count >= 3, $"{pings.Count} WATCHDOG=1 between READY=1 and STOPPING=1.{Environment.NewLine}{listener.Describe()}");
        TimeSpan longestGap = pings.Zip(pings.Skip(1), (earlier, later) => later - earlier).Max();
        Assert.True(longestGap < WatchdogTimeout, $"WATCHDOG=1 pings were {longestGap} apart, longer than WATCHDOG_USEC.{Environment.NewLine}{listener.Describe()}");
    }

    [Fact]
    public async Task UnreachableBrokerNeverReady()
    {
        CancellationToken cancellationToken = TestContext.Current.CancellationToken;
        using var directory = TempDirectory.Create("ganwatch-notify");
        using var listener = new NotifySocketListener(directory.File("notify.sock"));
        var settings = new DaemonSettings { BootstrapServers = $"127.0.0.1:{UnusedPort()}", ModelDirectory = model.ModelDirectory };
        using GanWatchProcess daemon = StartDaemon(settings, directory, listener, journal: true);

        int joining = await listener.WaitForAsync(m => m.Status?.StartsWith("Joining consumer group", StringComparison.Ordinal) == true,
            "STATUS=Joining consumer group", Timeout, cancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(8), cancellationToken);

        Assert.False(daemon.HasExited, daemon.Describe());
        Assert.DoesNotContain(listener.Messages, m => m.Has("READY=1"));

        // With JOURNAL_STREAM set, each line starts with its syslog priority, <6> for information, for journald.
        Assert.Contains("<6>GanWatch.Models.ModelCatalog[100] Loaded model", daemon.StandardOutput, StringComparison.Ordinal);

        daemon.Terminate();
        await listener.WaitForAsync(m => m.Has("STOPPING=1"), "STOPPING=1", TimeSpan.FromSeconds(10), cancellationToken, after: joining);
        Assert.Equal(0, await daemon.WaitForExitAsync(settings.ShutdownTimeout + TimeSpan.FromSeconds(10), cancellationToken));
    }

    [Fact]
    public async Task ProcessorFailureStopsWithExitOne()
    {
        CancellationToken cancellationToken = TestContext.Current.CancellationToken;
        using var bed = new DaemonTestBed(model);
        using var listener = new NotifySocketListener(bed.Directory.File("notify.sock"));

        // librdkafka rejects the unknown property when the consumer thread builds its client, after the models loaded.
        using GanWatchProcess daemon = StartDaemon(bed.Settings, bed.Directory, listener,
            extra: ("GANWATCH_Stream__ConsumerConfig__no.such.property", "1"));

        Assert.Equal(1, await daemon.WaitForExitAsync(Timeout, cancellationToken));
        Assert.Contains("Stream processor failed; stopping the host with exit code 1", daemon.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(listener.Messages, m => m.Has("READY=1"));
        Assert.Contains(listener.Messages, m => m.Has("STOPPING=1"));
    }

    private static GanWatchProcess StartDaemon(DaemonSettings settings, TempDirectory directory, NotifySocketListener listener,
        bool journal = false, (string Name, string Value)? extra = null)
    {
        Dictionary<string, string> environment = settings.EnvironmentVariables();
        environment["NOTIFY_SOCKET"] = listener.Address;
        if (journal)
        {
            // systemd sets device:inode of the journal stream; GanWatch only checks that the variable is present.
            environment["JOURNAL_STREAM"] = "8:12345";
        }

        if (extra is { } variable)
        {
            environment[variable.Name] = variable.Value;
        }

        environment["WATCHDOG_USEC"] = ((long)WatchdogTimeout.TotalMicroseconds).ToString(CultureInfo.InvariantCulture);

        // systemd also sets WATCHDOG_PID to the main process id, which is known only after the start; the daemon
        // accepts the variable absent.
        return GanWatchProcess.Start("daemon", ["run", "--config", settings.WriteConfigFile(directory)], environment);
    }

    private static int IndexOfStatus(IReadOnlyList<NotifyMessage> messages, string prefix)
    {
        for (int i = 0; i < messages.Count; i++)
        {
            if (messages[i].Status?.StartsWith(prefix, StringComparison.Ordinal) == true)
            {
                return i;
            }
        }

        return -1;
    }

    private static int Rate(Match match, string group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    /// <summary>Returns a TCP port on 127.0.0.1 with no listener: the system picks a free one, which is then closed.</summary>
    private static int UnusedPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    [GeneratedRegex(@"^Running: (?<records>\d+) records/s, (?<windows>\d+) windows/s, \d+ alerts")]
    private static partial Regex RunningStatus();
}
