using GanWatch.Engine.Persistence;
using GanWatch.Tests.Support;

namespace GanWatch.Tests.Commands;

/// <summary><c>ganwatch model list</c> and <c>ganwatch model rollback</c> as real processes on a model repository.</summary>
public sealed class ModelCommandTests(TrainedModelFixture model)
{
    private const string SecondVersion = "29990101T000000000Z";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ListMarksCurrentVersion()
    {
        using var directory = TempDirectory.Create("ganwatch-model-cli");
        string repository = ModelRepositoryCopy.WithSecondVersion(model, directory.File("sine"), SecondVersion);

        (int exitCode, string output, string error) = await RunAsync("model", "list", repository);

        Assert.True(exitCode == 0, error);
        string[] lines = output.Split('\n');
        string second = Assert.Single(lines, line => line.Contains(SecondVersion, StringComparison.Ordinal) && !line.Contains("Model versions", StringComparison.Ordinal));
        string first = Assert.Single(lines, line => line.Contains(model.ModelVersion, StringComparison.Ordinal) && !line.Contains(SecondVersion, StringComparison.Ordinal));
        Assert.Contains("*", second, StringComparison.Ordinal);
        Assert.DoesNotContain("*", first, StringComparison.Ordinal);
        Assert.Contains(model.ModelVersion, second, StringComparison.Ordinal);
        Assert.True(output.IndexOf(SecondVersion, StringComparison.Ordinal) < output.IndexOf(first, StringComparison.Ordinal), "the newest version must come first");
        string checksum = ModelRepository.Open(repository).List().Single(version => version.Version == SecondVersion).Checksum;
        Assert.Contains(checksum[..16], second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RollbackSetsCurrentVersion()
    {
        using var directory = TempDirectory.Create("ganwatch-model-cli");
        string repository = ModelRepositoryCopy.WithSecondVersion(model, directory.File("sine"), SecondVersion);

        (int exitCode, string output, string error) = await RunAsync("model", "rollback", repository, model.ModelVersion);

        Assert.True(exitCode == 0, error);
        Assert.Equal(model.ModelVersion, ModelRepository.Open(repository).CurrentVersion);
        Assert.Contains($"is now {model.ModelVersion} (it was {SecondVersion})", output, StringComparison.Ordinal);
        Assert.Contains("systemctl reload ganwatch", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RollbackToUnknownVersionExitsTwo()
    {
        using var directory = TempDirectory.Create("ganwatch-model-cli");
        string repository = ModelRepositoryCopy.WithSecondVersion(model, directory.File("sine"), SecondVersion);

        (int exitCode, _, string error) = await RunAsync("model", "rollback", repository, "20000101T000000000Z");

        Assert.Equal(2, exitCode);
        Assert.Contains("20000101T000000000Z", error, StringComparison.Ordinal);
        Assert.Contains($"ganwatch model list {repository}", error, StringComparison.Ordinal);
        Assert.Equal(SecondVersion, ModelRepository.Open(repository).CurrentVersion);
    }

    [Fact]
    public async Task ListOfMissingDirectoryExitsTwo()
    {
        using var directory = TempDirectory.Create("ganwatch-model-cli");

        (int exitCode, _, string error) = await RunAsync("model", "list", directory.File("absent"));

        Assert.Equal(2, exitCode);
        Assert.Contains(directory.File("absent"), error, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments)
    {
        using GanWatchProcess process = GanWatchProcess.Start("ganwatch " + string.Join(' ', arguments.Take(2)), arguments);
        int exitCode = await process.WaitForExitAsync(Timeout, TestContext.Current.CancellationToken);
        return (exitCode, process.StandardOutput, process.StandardError);
    }
}
