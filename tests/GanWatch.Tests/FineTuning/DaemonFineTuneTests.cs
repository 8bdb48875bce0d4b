using GanWatch.Engine.Persistence;
using GanWatch.Tests.Support;

namespace GanWatch.Tests.FineTuning;

/// <summary><c>ganwatch run</c> processes that fine-tune and share their models through the model topic.</summary>
public sealed class DaemonFineTuneTests(TrainedModelFixture model)
{
    private const string ModelTopic = "ganwatch-models";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task OwnerPublishesAndGroupFollows()
    {
        CancellationToken cancellationToken = TestContext.Current.CancellationToken;
        using var bed = new DaemonTestBed(model, settings => settings with { ExtraEnvironment = FineTuneEnvironment() });
        bed.Cluster.CreateTopic(ModelTopic);
        // Every host has its own repository, named sine like the others, so that they share the lineage sine.
        string[] repositories = new[] { "host-1", "host-2", "host-3" }
            .Select(host => ModelRepositoryCopy.Plain(model, Path.Combine(bed.Directory.File(host), "sine")))
            .ToArray();
        GanWatchProcess first = bed.StartDaemon("daemon-1", bed.Settings with { ModelDirectory = repositories[0] });
        GanWatchProcess second = bed.StartDaemon("daemon-2", bed.Settings with { ModelDirectory = repositories[1] });
        await DaemonTestBed.WaitForSplitAsync([first, second], Timeout, cancellationToken);

        // Normal data fills the owner's buffer for the two series of the partitions it holds.
        await bed.ProduceAsync(TestStream.Sine(4, DaemonTestBed.InputPartitions, 0, 400, (_, _) => false), recordsPerSecond: 4000, cancellationToken);
        await bed.Offsets.WaitForEndAsync(Timeout, bed.Daemons, cancellationToken);
        bool firstOwns = DaemonLog.CurrentPartitions(first.StandardOutput).Contains(0);
        (GanWatchProcess owner, GanWatchProcess other) = firstOwns ? (first, second) : (second, first);
        (string ownerRepository, string otherRepository) = firstOwns ? (repositories[0], repositories[1]) : (repositories[1], repositories[0]);

        other.RequestFineTuning();
        await other.WaitForOutputAsync("does not own partition 0", Timeout, cancellationToken);
        owner.RequestFineTuning();
        await owner.WaitForOutputAsync("(fine-tuned)", Timeout, cancellationToken);
        string version = Assert.Single(DaemonLog.SwappedVersions(owner.StandardOutput, "fine-tuned"));
        await other.WaitForOutputAsync($"version {version} (imported", Timeout, cancellationToken);

        Assert.NotEqual(model.ModelVersion, version);
        Assert.Empty(DaemonLog.SwappedVersions(other.StandardOutput, "fine-tuned"));
        Assert.Equal(version, ModelRepository.Open(ownerRepository).CurrentVersion);
        Assert.Equal(version, ModelRepository.Open(otherRepository).CurrentVersion);

        // A daemon started later takes the published version from the topic before it reports ready.
        GanWatchProcess third = bed.StartDaemon("daemon-3", bed.Settings with { ModelDirectory = repositories[2] });
        await third.WaitForOutputAsync("Ready: joined consumer group", Timeout, cancellationToken);
        string output = third.StandardOutput;
        int imported = output.IndexOf($"Imported model sine version {version}", StringComparison.Ordinal);
        int ready = output.IndexOf("Ready: joined consumer group", StringComparison.Ordinal);
        Assert.True(imported >= 0, $"daemon-3 did not import {version}.{Environment.NewLine}{third.Describe()}");
        Assert.True(imported < ready, $"daemon-3 imported {version} only after it was ready.{Environment.NewLine}{third.Describe()}");
        Assert.Equal(version, ModelRepository.Open(repositories[2]).CurrentVersion);

        foreach (GanWatchProcess daemon in bed.Daemons)
        {
            daemon.Terminate();
        }

        foreach (GanWatchProcess daemon in bed.Daemons)
        {
            Assert.Equal(0, await daemon.WaitForExitAsync(Timeout, cancellationToken));
        }
    }

    /// <summary>
    /// Fine-tuning on request only, with a short run and a gate open to any candidate: this test is about how versions
    /// travel between daemons, not about the candidate's quality.
    /// </summary>
    private static Dictionary<string, string> FineTuneEnvironment() => new()
    {
        ["GANWATCH_FineTune__Enabled"] = "true",
        ["GANWATCH_FineTune__ModelTopic"] = ModelTopic,
        ["GANWATCH_FineTune__IntervalWindows"] = "0",
        ["GANWATCH_FineTune__Interval"] = "00:00:00",
        ["GANWATCH_FineTune__MinWindows"] = "64",
        ["GANWATCH_FineTune__BufferCapacity"] = "256",
        ["GANWATCH_FineTune__ReferenceAnomaliesPerKind"] = "8",
        ["GANWATCH_FineTune__MaxScoreRise"] = "1000",
        ["GANWATCH_FineTune__MaxAucDrop"] = "1",
        ["GANWATCH_FineTune__Training__Steps"] = "20",
        ["GANWATCH_FineTune__Training__EncoderSteps"] = "20",
        ["GANWATCH_FineTune__Training__BatchSize"] = "32",
        ["GANWATCH_FineTune__ChunkBytes"] = "16384",
    };
}
