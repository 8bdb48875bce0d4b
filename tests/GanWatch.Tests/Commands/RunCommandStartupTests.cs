using GanWatch.Streaming.Kafka;
using GanWatch.Tests.Support;

namespace GanWatch.Tests.Commands;

/// <summary><c>ganwatch run</c> start-up failures: the process must end non-zero and name the problem on standard error.</summary>
public sealed class RunCommandStartupTests(TrainedModelFixture model)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task MissingModelDirectoryExitsOne()
    {
        using var cluster = EmbeddedKafkaCluster.Create();
        using var directory = TempDirectory.Create("ganwatch-run");
        string missing = directory.File("no-such-model");
        var settings = new DaemonSettings { BootstrapServers = cluster.BootstrapServers, ModelDirectory = missing };

        using GanWatchProcess daemon = settings.StartDaemon(directory, "daemon");
        int exitCode = await daemon.WaitForExitAsync(Timeout, TestContext.Current.CancellationToken);

        Assert.Equal(1, exitCode);
        Assert.Contains("error:", daemon.StandardError, StringComparison.Ordinal);
        Assert.Contains(missing, daemon.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidStreamSettingsExitTwoListingEach()
    {
        using var directory = TempDirectory.Create("ganwatch-run");
        var settings = new DaemonSettings { BootstrapServers = "127.0.0.1:9", ModelDirectory = model.ModelDirectory, InputTopic = "" };
        var environment = settings.EnvironmentVariables();
        environment["GANWATCH_Stream__MaxBatchSize"] = "0";

        using GanWatchProcess daemon = GanWatchProcess.Start("daemon", ["run", "--config", settings.WriteConfigFile(directory)], environment);
        int exitCode = await daemon.WaitForExitAsync(Timeout, TestContext.Current.CancellationToken);

        Assert.Equal(2, exitCode);
        Assert.Contains("configuration is invalid", daemon.StandardError, StringComparison.Ordinal);
        Assert.Contains("InputTopic is empty", daemon.StandardError, StringComparison.Ordinal);
        Assert.Contains("MaxBatchSize is 0", daemon.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidSettingsInTwoSectionsExitTwo()
    {
        using var directory = TempDirectory.Create("ganwatch-run");
        var settings = new DaemonSettings { BootstrapServers = "127.0.0.1:9", ModelDirectory = "", InputTopic = "" };

        using GanWatchProcess daemon = GanWatchProcess.Start("daemon", ["run", "--config", settings.WriteConfigFile(directory)], settings.EnvironmentVariables());
        int exitCode = await daemon.WaitForExitAsync(Timeout, TestContext.Current.CancellationToken);

        Assert.Equal(2, exitCode);
        Assert.Contains("InputTopic is empty", daemon.StandardError, StringComparison.Ordinal);
        Assert.Contains("Models:DefaultModel is missing", daemon.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingConfigFileExitsNamingIt()
    {
        using var directory = TempDirectory.Create("ganwatch-run");
        string missing = directory.File("absent.json");

        using GanWatchProcess daemon = GanWatchProcess.Start("daemon", ["run", "--config", missing]);
        int exitCode = await daemon.WaitForExitAsync(Timeout, TestContext.Current.CancellationToken);

        Assert.Equal(2, exitCode);
        Assert.Contains(missing, daemon.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedConfigFileExitsNamingIt()
    {
        using var directory = TempDirectory.Create("ganwatch-run");
        string path = directory.File("broken.json");
        File.WriteAllText(path, "{ \"Stream\": { \"InputTopic\": ");

        using GanWatchProcess daemon = GanWatchProcess.Start("daemon", ["run", "--config", path]);
        int exitCode = await daemon.WaitForExitAsync(Timeout, TestContext.Current.CancellationToken);

        Assert.Equal(2, exitCode);
        Assert.Contains("broken.json", daemon.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadValueAndUnknownPinExitTwo()
    {
        using var directory = TempDirectory.Create("ganwatch-run");
        var settings = new DaemonSettings { BootstrapServers = "127.0.0.1:9", ModelDirectory = model.ModelDirectory };
        var environment = settings.EnvironmentVariables();
        environment["GANWATCH_Stream__MaxBatchSize"] = "many";
        environment["GANWATCH_Models__DefaultModelVersion"] = "19990101T000000000Z";

        using GanWatchProcess daemon = GanWatchProcess.Start("daemon", ["run", "--config", settings.WriteConfigFile(directory)], environment);
        int exitCode = await daemon.WaitForExitAsync(Timeout, TestContext.Current.CancellationToken);

        Assert.Equal(2, exitCode);
        Assert.Contains("'Stream:MaxBatchSize'", daemon.StandardError, StringComparison.Ordinal);
        Assert.Contains("pinned version '19990101T000000000Z' is not in", daemon.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownOptionExitsTwo()
    {
        using GanWatchProcess daemon = GanWatchProcess.Start("daemon", ["run", "--no-such-option"]);
        int exitCode = await daemon.WaitForExitAsync(Timeout, TestContext.Current.CancellationToken);

        Assert.Equal(2, exitCode);
        Assert.Contains("--no-such-option", daemon.StandardError, StringComparison.Ordinal);
    }
}
