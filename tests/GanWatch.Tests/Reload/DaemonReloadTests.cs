using System.Text.Json.Nodes;
using GanWatch.Streaming.Alerts;
using GanWatch.Tests.Support;

namespace GanWatch.Tests.Reload;

/// <summary>Configuration reload of a running <c>ganwatch run</c> process, on SIGHUP and on file change.</summary>
public sealed class DaemonReloadTests(TrainedModelFixture model)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task SighupRoutesSeriesToNewModel()
    {
        CancellationToken cancellationToken = TestContext.Current.CancellationToken;
        using var bed = new DaemonTestBed(model);
        string secondModel = ReloadConfigFile.CopyModel(model.ModelDirectory, bed.Directory.File("second-model"), "reload-second");
        GanWatchProcess daemon = bed.StartDaemon("daemon");
        List<StreamRecord> before = TestStream.Sine(4, DaemonTestBed.InputPartitions, 0, 200, TestStream.PeriodicSpikes());
        long[] beforeOffsets = await bed.ProduceAsync(before, recordsPerSecond: 0, cancellationToken);
        await bed.Offsets.WaitForEndAsync(Timeout, bed.Daemons, cancellationToken);

        ReloadConfigFile.Write(ReloadConfigFile.PathOf(bed, "daemon"), bed.Settings, document =>
            document["Models"] = new JsonObject { ["Routes"] = new JsonArray(new JsonObject { ["Pattern"] = "sine-1", ["Model"] = secondModel }) });
        ReloadConfigFile.Hangup(daemon);
        await daemon.WaitForOutputAsync("Configuration reloaded (SIGHUP)", Timeout, cancellationToken);
        List<StreamRecord> after = TestStream.Sine(4, DaemonTestBed.InputPartitions, 200, 400, TestStream.PeriodicSpikes());
        long[] afterOffsets = await bed.ProduceAsync(after, recordsPerSecond: 0, cancellationToken);
        await bed.Offsets.WaitForEndAsync(Timeout, bed.Daemons, cancellationToken);

        var expected = new ExpectedOutcomes(bed.Settings.InputTopic, [.. before, .. after], [.. beforeOffsets, .. afterOffsets]);
        List<Alert> alerts = bed.ReadAlerts();
        Assert.Equal(0, OutcomeAssert.Alerts(expected, alerts, bed.Settings.InputTopic));
        Assert.Contains("Loaded model reload-second", daemon.StandardOutput, StringComparison.Ordinal);
        var afterIds = after.Zip(afterOffsets).Select(pair => AlertId.Compute(bed.Settings.InputTopic, pair.First.Partition, pair.Second)).ToHashSet();
        List<Alert> afterAlerts = alerts.Where(a => afterIds.Contains(a.AlertId)).ToList();
        Assert.Contains(afterAlerts, a => a.Series == TestStream.SeriesId(1));
        Assert.All(alerts, alert => Assert.Equal(
            afterIds.Contains(alert.AlertId) && alert.Series == TestStream.SeriesId(1) ? "reload-second" : model.ModelVersion,
            alert.ModelVersion));
        Assert.False(daemon.HasExited, "the daemon must keep running after the reload");
    }

    [Fact]
    public async Task InvalidConfigKeepsRunningSettings()
    {
        CancellationToken cancellationToken = TestContext.Current.CancellationToken;
        using var bed = new DaemonTestBed(model);
        GanWatchProcess daemon = bed.StartDaemon("daemon");
        await daemon.WaitForOutputAsync("Partitions assigned:", Timeout, cancellationToken);

        // Two problems, plus a valid change that must not apply because the file is rejected as a whole.
        ReloadConfigFile.Write(ReloadConfigFile.PathOf(bed, "daemon"), bed.Settings, document =>
        {
            JsonObject stream = document["Stream"]!.AsObject();
            stream["MaxBatchSize"] = 0;
            stream["EpisodeEscalationFactor"] = 0.5;
            stream["TopChannels"] = 0;
        });
        ReloadConfigFile.Hangup(daemon);
        await daemon.WaitForOutputAsync("Configuration reload (SIGHUP) rejected", Timeout, cancellationToken);
        List<StreamRecord> records = TestStream.Sine(4, DaemonTestBed.InputPartitions, 0, 200, TestStream.PeriodicSpikes());
        long[] offsets = await bed.ProduceAsync(records, recordsPerSecond: 0, cancellationToken);
        await bed.Offsets.WaitForEndAsync(Timeout, bed.Daemons, cancellationToken);

        string rejection = Assert.Single(daemon.StandardOutput.Split('\n'), line => line.Contains("Configuration reload (SIGHUP) rejected", StringComparison.Ordinal));
        Assert.Contains("2 problem(s)", rejection, StringComparison.Ordinal);
        Assert.Contains("MaxBatchSize is 0", rejection, StringComparison.Ordinal);
        Assert.Contains("EpisodeEscalationFactor is 0.5", rejection, StringComparison.Ordinal);
        List<Alert> alerts = bed.ReadAlerts();
        Assert.Equal(0, OutcomeAssert.Alerts(new ExpectedOutcomes(bed.Settings.InputTopic, records, offsets), alerts, bed.Settings.InputTopic));
        Assert.All(alerts, alert => Assert.Single(alert.TopChannels));
        Assert.False(daemon.HasExited, "the daemon must keep running after a rejected reload");
    }

    [Fact]
    public async Task BrokerChangeNeedsRestartAndKeepsRunning()
    {
        CancellationToken cancellationToken = TestContext.Current.CancellationToken;
        using var bed = new DaemonTestBed(model);

        // The brokers come from the --config file here, not from the environment, so the file can change them.
        string configPath = ReloadConfigFile.PathOf(bed, "daemon");
        ReloadConfigFile.Write(configPath, bed.Settings, document => document["Stream"]!["BootstrapServers"] = bed.Settings.BootstrapServers);
        Dictionary<string, string> environment = bed.Settings.EnvironmentVariables();
        environment.Remove("GANWATCH_Stream__BootstrapServers");
        using GanWatchProcess daemon = GanWatchProcess.Start("daemon", ["run", "--config", configPath], environment);
        await daemon.WaitForOutputAsync("Partitions assigned:", Timeout, cancellationToken);

        ReloadConfigFile.Write(configPath, bed.Settings, document =>
        {
            document["Stream"]!["BootstrapServers"] = "127.0.0.1:1";
            document["Stream"]!["TopChannels"] = 0;
        });
        ReloadConfigFile.Hangup(daemon);
        await daemon.WaitForOutputAsync("Configuration reloaded (SIGHUP)", Timeout, cancellationToken);
        List<StreamRecord> records = TestStream.Sine(4, DaemonTestBed.InputPartitions, 0, 200, TestStream.PeriodicSpikes());
        long[] offsets = await bed.ProduceAsync(records, recordsPerSecond: 0, cancellationToken);
        await bed.Offsets.WaitForEndAsync(Timeout, [daemon], cancellationToken);

        Assert.Contains("Stream:BootstrapServers changed but take effect only after a restart", daemon.StandardOutput, StringComparison.Ordinal);
        List<Alert> alerts = bed.ReadAlerts();
        Assert.Equal(0, OutcomeAssert.Alerts(new ExpectedOutcomes(bed.Settings.InputTopic, records, offsets), alerts, bed.Settings.InputTopic));
        Assert.All(alerts, alert => Assert.Empty(alert.TopChannels));
        Assert.False(daemon.HasExited, "the daemon must keep running on its old brokers");
    }

    [Fact]
    public async Task FileChangeAppliesWithoutSignal()
    {
        CancellationToken cancellationToken = TestContext.Current.CancellationToken;
        using var bed = new DaemonTestBed(model);
        GanWatchProcess daemon = bed.StartDaemon("daemon");
        List<StreamRecord> before = TestStream.Sine(4, DaemonTestBed.InputPartitions, 0, 200, TestStream.PeriodicSpikes());
        TestStream.InsertBadRecords(before, DaemonTestBed.InputPartitions, afterRow: 100);
        long[] beforeOffsets = await bed.ProduceAsync(before, recordsPerSecond: 0, cancellationToken);
        await bed.Offsets.WaitForEndAsync(Timeout, bed.Daemons, cancellationToken);
        bool debugBefore = daemon.StandardOutput.Contains("Dead-lettered", StringComparison.Ordinal);

        ReloadConfigFile.Write(ReloadConfigFile.PathOf(bed, "daemon"), bed.Settings, document =>
        {
            document["Stream"]!["TopChannels"] = 0;
            document["Logging"]!["LogLevel"]!["GanWatch.Streaming"] = "Debug";
        });
        await daemon.WaitForOutputAsync("Configuration reloaded (file change)", Timeout, cancellationToken);
        List<StreamRecord> after = TestStream.Sine(4, DaemonTestBed.InputPartitions, 200, 400, TestStream.PeriodicSpikes());
        TestStream.InsertBadRecords(after, DaemonTestBed.InputPartitions, afterRow: 300);
        long[] afterOffsets = await bed.ProduceAsync(after, recordsPerSecond: 0, cancellationToken);
        await bed.Offsets.WaitForEndAsync(Timeout, bed.Daemons, cancellationToken);

        Assert.False(debugBefore, "dead letters must not be logged at the Information level");
        Assert.Contains("Dead-lettered", daemon.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("Reloading configuration (SIGHUP)", daemon.StandardOutput, StringComparison.Ordinal);
        var expected = new ExpectedOutcomes(bed.Settings.InputTopic, [.. before, .. after], [.. beforeOffsets, .. afterOffsets]);
        List<Alert> alerts = bed.ReadAlerts();
        Assert.Equal(0, OutcomeAssert.Alerts(expected, alerts, bed.Settings.InputTopic));
        Assert.Equal(0, OutcomeAssert.DeadLetters(expected, bed.ReadDeadLetters()));
        var afterIds = after.Zip(afterOffsets).Select(pair => AlertId.Compute(bed.Settings.InputTopic, pair.First.Partition, pair.Second)).ToHashSet();
        Assert.All(alerts, alert => Assert.Equal(afterIds.Contains(alert.AlertId) ? 0 : 1, alert.TopChannels.Count));
    }

    [Fact]
    public async Task UnreadableFileIsRejectedNotFatal()
    {
        CancellationToken cancellationToken = TestContext.Current.CancellationToken;
        using var bed = new DaemonTestBed(model);
        GanWatchProcess daemon = bed.StartDaemon("daemon");
        await daemon.WaitForOutputAsync("Partitions assigned:", Timeout, cancellationToken);

        // A half-written file, as an editor may leave it for a moment.
        await File.WriteAllTextAsync(ReloadConfigFile.PathOf(bed, "daemon"), "{ \"Stream\": { \"TopChannels\": ", cancellationToken);
        await daemon.WaitForOutputAsync("Configuration reload (file change) rejected", Timeout, cancellationToken);
        ReloadConfigFile.Hangup(daemon);
        await daemon.WaitForOutputAsync("Configuration reload (SIGHUP) rejected", Timeout, cancellationToken);
        List<StreamRecord> records = TestStream.Sine(4, DaemonTestBed.InputPartitions, 0, 100, TestStream.PeriodicSpikes());
        await bed.ProduceAsync(records, recordsPerSecond: 0, cancellationToken);
        await bed.Offsets.WaitForEndAsync(Timeout, bed.Daemons, cancellationToken);

        Assert.Contains("could not be read", daemon.StandardOutput, StringComparison.Ordinal);
        Assert.All(bed.ReadAlerts(), alert => Assert.Single(alert.TopChannels));
        Assert.False(daemon.HasExited, "an unreadable configuration file must not end the daemon");
    }
}
