using GanWatch.Streaming.Kafka;
using GanWatch.Tests.Support;

namespace GanWatch.Tests.Security;

/// <summary>
/// SASL credentials reach the daemon from a password file and an environment variable and never appear in its output,
/// even with librdkafka's configuration and security debug logging on.
/// </summary>
/// <remarks>
/// librdkafka 2.16.0's mock cluster does not implement the SASL handshake, so every connection fails authentication
/// and logs why. The daemon keeps retrying until the test stops it.
/// </remarks>
public sealed class DaemonSecretRedactionTests(TrainedModelFixture model)
{
    private const string Username = "ganwatch-svc";
    private const string FilePassword = "file-pw-7Qx2";
    private const string EnvironmentPassword = "env-pw-9Kd4";

    [Fact]
    public async Task PasswordFromFileNeverPrinted()
    {
        using var cluster = EmbeddedKafkaCluster.Create();
        using var directory = TempDirectory.Create("ganwatch-security");
        string passwordFile = directory.File("sasl-password");
        await File.WriteAllTextAsync(passwordFile, FilePassword + "\n", TestContext.Current.CancellationToken);

        Dictionary<string, string> environment = SaslEnvironment(cluster, directory);
        environment["GANWATCH_Stream__Security__PasswordFile"] = passwordFile;

        string output = await RunUntilAuthenticationFailsAsync(directory, environment);

        Assert.DoesNotContain(FilePassword, output, StringComparison.Ordinal);
        Assert.Contains("sasl.password = [redacted]", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PasswordFromEnvironmentNeverPrinted()
    {
        using var cluster = EmbeddedKafkaCluster.Create();
        using var directory = TempDirectory.Create("ganwatch-security");
        Dictionary<string, string> environment = SaslEnvironment(cluster, directory);
        environment["GANWATCH_Stream__Security__PasswordEnvironmentVariable"] = "GANWATCH_TEST_SASL_PASSWORD";
        environment["GANWATCH_TEST_SASL_PASSWORD"] = EnvironmentPassword;

        string output = await RunUntilAuthenticationFailsAsync(directory, environment);

        Assert.DoesNotContain(EnvironmentPassword, output, StringComparison.Ordinal);
        Assert.Contains("sasl.password = [redacted]", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PasswordGivenTwiceExitsTwo()
    {
        using var directory = TempDirectory.Create("ganwatch-security");
        var settings = new DaemonSettings { BootstrapServers = "127.0.0.1:9", ModelDirectory = model.ModelDirectory };
        Dictionary<string, string> environment = settings.EnvironmentVariables();
        environment["GANWATCH_Stream__Security__Protocol"] = "SaslSsl";
        environment["GANWATCH_Stream__Security__Username"] = Username;
        environment["GANWATCH_Stream__Security__Password"] = EnvironmentPassword;
        environment["GANWATCH_Stream__Security__PasswordFile"] = directory.File("absent-password");
        environment["GANWATCH_Stream__Security__SslCaLocation"] = directory.File("absent-ca.pem");

        using GanWatchProcess daemon = GanWatchProcess.Start("daemon", ["run", "--config", settings.WriteConfigFile(directory)], environment);
        int exitCode = await daemon.WaitForExitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        string output = daemon.StandardOutput + daemon.StandardError;

        Assert.Equal(2, exitCode);
        Assert.Contains("Password is given 2 times", output, StringComparison.Ordinal);
        Assert.Contains("absent-ca.pem", output, StringComparison.Ordinal);
        Assert.DoesNotContain(EnvironmentPassword, output, StringComparison.Ordinal);
    }

    private Dictionary<string, string> SaslEnvironment(EmbeddedKafkaCluster cluster, TempDirectory directory)
    {
        var settings = new DaemonSettings { BootstrapServers = cluster.BootstrapServers, ModelDirectory = model.ModelDirectory };
        Dictionary<string, string> environment = settings.EnvironmentVariables();
        environment["GANWATCH_Stream__Security__Protocol"] = "SaslPlaintext";
        environment["GANWATCH_Stream__Security__SaslMechanism"] = "Plain";
        environment["GANWATCH_Stream__Security__Username"] = Username;
        environment["GANWATCH_Stream__ConsumerConfig__debug"] = "security,conf";
        environment["GANWATCH_Stream__ProducerConfig__debug"] = "security,conf";
        environment["GANWATCH_Logging__LogLevel__Default"] = "Debug";
        return environment;
    }

    private async Task<string> RunUntilAuthenticationFailsAsync(TempDirectory directory, Dictionary<string, string> environment)
    {
        var settings = new DaemonSettings { BootstrapServers = environment["GANWATCH_Stream__BootstrapServers"], ModelDirectory = model.ModelDirectory };
        using GanWatchProcess daemon = GanWatchProcess.Start("daemon", ["run", "--config", settings.WriteConfigFile(directory)], environment);
        await daemon.WaitForOutputAsync("SASL", TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        await daemon.WaitForOutputAsync("sasl.password", TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        // Leave time for several reconnect attempts, each of which logs the failure again.
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
        daemon.Terminate();
        await daemon.WaitForExitAsync(TimeSpan.FromSeconds(40), TestContext.Current.CancellationToken);
        return daemon.StandardOutput + daemon.StandardError;
    }
}
