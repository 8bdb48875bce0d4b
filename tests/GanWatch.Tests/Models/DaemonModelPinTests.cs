using GanWatch.Streaming.Alerts;
using GanWatch.Tests.Support;

namespace GanWatch.Tests.Models;

/// <summary>A <c>ganwatch run</c> process whose model version is pinned in the configuration.</summary>
public sealed class DaemonModelPinTests(TrainedModelFixture model)
{
    private const string NewerVersion = "29990101T000000000Z";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task PinnedVersionScoresAndStays()
    {
        CancellationToken cancellationToken = TestContext.Current.CancellationToken;
        using var bed = new DaemonTestBed(model);
        string repository = ModelRepositoryCopy.WithSecondVersion(model, bed.Directory.File("sine"), NewerVersion);
        DaemonSettings settings = bed.Settings with
        {
            ModelDirectory = repository,
            ExtraEnvironment = new Dictionary<string, string>
            {
                ["GANWATCH_Models__DefaultModelVersion"] = model.ModelVersion,
                ["GANWATCH_FineTune__Enabled"] = "true",
                ["GANWATCH_FineTune__MinWindows"] = "8",
            },
        };
        GanWatchProcess daemon = bed.StartDaemon("daemon-pinned", settings);
        await daemon.WaitForOutputAsync("Ready: joined consumer group", Timeout, cancellationToken);

        // Fine-tuning on request skips a pinned model, and a reload keeps it although the repository's current version is newer.
        daemon.RequestFineTuning();
        await daemon.WaitForOutputAsync("Fine-tuning requested by SIGUSR1", Timeout, cancellationToken);
        daemon.Hangup();
        await daemon.WaitForOutputAsync("Configuration reloaded (SIGHUP)", Timeout, cancellationToken);
        List<StreamRecord> records = TestStream.Sine(2, DaemonTestBed.InputPartitions, 0, 200, TestStream.PeriodicSpikes());
        await bed.ProduceAsync(records, recordsPerSecond: 4000, cancellationToken);
        await bed.Offsets.WaitForEndAsync(Timeout, bed.Daemons, cancellationToken);
        daemon.Terminate();
        Assert.Equal(0, await daemon.WaitForExitAsync(Timeout, cancellationToken));

        string output = daemon.StandardOutput;
        Assert.Contains($"Loaded model {model.ModelVersion} (pinned version) from {repository}", output, StringComparison.Ordinal);
        Assert.DoesNotContain($"Loaded model {NewerVersion}", output, StringComparison.Ordinal);
        Assert.Contains($"is pinned to version {model.ModelVersion}; fine-tuning and the model topic never replace it", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Fine-tuning " + repository, output, StringComparison.Ordinal);
        Assert.Contains("changed: nothing", output, StringComparison.Ordinal);
        List<Alert> alerts = bed.ReadAlerts();
        Assert.NotEmpty(alerts);
        Assert.All(alerts, alert => Assert.Equal(model.ModelVersion, alert.ModelVersion));
    }
}
