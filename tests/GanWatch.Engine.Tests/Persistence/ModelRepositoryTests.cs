using System.Security.Cryptography;
using System.Text.Json.Nodes;
using GanWatch.Engine.FineTuning;
using GanWatch.Engine.Persistence;
using GanWatch.Engine.Tests.Support;
using TorchSharp;

namespace GanWatch.Engine.Tests.Persistence;

public class ModelRepositoryTests(TrainedModels models)
{
    [Fact]
    public void Add_SavesVersionAndMakesItCurrent()
    {
        using var directory = new TemporaryDirectory();
        var repository = ModelRepository.Open(Path.Combine(directory.Path, "repo"));
        using var model = Copy("20261201T000000000Z");
        model.Lineage = new ModelLineage
        {
            ParentVersion = "20261130T000000000Z",
            DataFrom = new DateTimeOffset(2026, 11, 30, 1, 0, 0, TimeSpan.Zero),
            DataTo = new DateTimeOffset(2026, 11, 30, 2, 0, 0, TimeSpan.Zero),
            Validation = new ValidationReport(0.5, 0.45, -0.1, 0.9, 0.92, 128),
        };

        var info = repository.Add(model, keep: 3);

        Assert.Equal("20261201T000000000Z", info.Version);
        Assert.True(info.IsCurrent);
        Assert.Equal("20261201T000000000Z", repository.CurrentVersion);
        Assert.Equal("20261201T000000000Z\n", File.ReadAllText(Path.Combine(repository.Root, "current")));
        Assert.Equal(Path.Combine(repository.Root, "versions", "20261201T000000000Z"), info.Directory);
        Assert.Equal("20261130T000000000Z", info.ParentVersion);
        Assert.Equal(model.Lineage.DataFrom, info.DataFrom);
        Assert.Equal(model.Lineage.DataTo, info.DataTo);
        Assert.Equal(model.Lineage.Validation, info.Validation);
        Assert.Equal(Sha256(Path.Combine(info.Directory, "model.json")), info.Checksum);

        using var loaded = repository.Load(null, torch.CPU);
        Assert.Equal("20261201T000000000Z", loaded.ModelVersion);
        Assert.Equal(model.Lineage.Validation, loaded.Lineage.Validation);
        Assert.Equal("20261130T000000000Z", loaded.Lineage.ParentVersion);
    }

    [Fact]
    public void List_ScratchModelDataSpan()
    {
        using var directory = new TemporaryDirectory();
        using var model = Copy("20261201T000000000Z");
        var first = new DateTimeOffset(2014, 4, 1, 0, 0, 0, TimeSpan.Zero);
        var last = new DateTimeOffset(2014, 4, 14, 23, 55, 0, TimeSpan.Zero);
        model.DataSummary = new TrainingDataSummary { WindowCount = 10, FirstTimestamp = first, LastTimestamp = last };
        model.Save(directory.Path);

        var info = Assert.Single(ModelRepository.Open(directory.Path).List());

        Assert.Null(info.ParentVersion);
        Assert.Equal(first, info.DataFrom);
        Assert.Equal(last, info.DataTo);
    }

    [Fact]
    public void Add_SuffixesTakenName()
    {
        using var directory = new TemporaryDirectory();
        var repository = ModelRepository.Open(directory.Path);
        using var model = Copy("v1");

        repository.Add(model, keep: 5);
        model.ModelVersion = "v1";
        var second = repository.Add(model, keep: 5);

        Assert.Equal("v1-2", second.Version);
        Assert.Equal("v1-2", model.ModelVersion);
        using var loaded = repository.Load("v1-2", torch.CPU);
        Assert.Equal("v1-2", loaded.ModelVersion);
    }

    [Fact]
    public void List_NewestFirstWithCurrentFlag()
    {
        using var directory = new TemporaryDirectory();
        var repository = ModelRepository.Open(directory.Path);
        AddVersions(repository, keep: 10, "a", "b", "c");

        var list = repository.List();

        Assert.Equal(new[] { "c", "b", "a" }, list.Select(info => info.Version));
        Assert.Equal(new[] { true, false, false }, list.Select(info => info.IsCurrent));
        Assert.All(list, info => Assert.Null(info.Problem));
    }

    [Fact]
    public void Prune_KeepsNewestAndCurrent()
    {
        using var directory = new TemporaryDirectory();
        var repository = ModelRepository.Open(directory.Path);
        AddVersions(repository, keep: 10, "a", "b", "c");
        repository.SetCurrent("a");

        repository.Prune(keep: 2);
        var afterPrune = repository.List().Select(info => info.Version).ToArray();
        AddVersions(repository, keep: 2, "d");

        Assert.Equal(new[] { "c", "b", "a" }, afterPrune);
        Assert.Equal(new[] { "d", "c" }, repository.List().Select(info => info.Version));
        Assert.Equal(new[] { "c", "d" }, Directory.GetDirectories(Path.Combine(repository.Root, "versions")).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void SetCurrent_RollsBack()
    {
        using var directory = new TemporaryDirectory();
        var repository = ModelRepository.Open(directory.Path);
        AddVersions(repository, keep: 10, "a", "b");

        repository.SetCurrent("a");

        Assert.Equal("a", repository.CurrentVersion);
        using var loaded = repository.Load(null, torch.CPU);
        Assert.Equal("a", loaded.ModelVersion);
        Assert.True(repository.List().Single(info => info.Version == "a").IsCurrent);
    }

    [Fact]
    public void SetCurrent_RefusesCorruptVersion()
    {
        using var directory = new TemporaryDirectory();
        var repository = ModelRepository.Open(directory.Path);
        AddVersions(repository, keep: 10, "a", "b");
        string weights = Path.Combine(repository.DirectoryOf("a"), "generator.bin");
        var bytes = File.ReadAllBytes(weights);
        bytes[^5] ^= 0xFF;
        File.WriteAllBytes(weights, bytes);

        var error = Assert.Throws<ModelFileException>(() => repository.SetCurrent("a"));

        Assert.Contains("Version a failed verification", error.Message);
        Assert.Contains("SHA-256", error.Message);
        Assert.Contains("ganwatch model list", error.Message);
        Assert.Equal("b", repository.CurrentVersion);
    }

    [Fact]
    public void UnknownVersion_NamesVersionAndListCommand()
    {
        using var directory = new TemporaryDirectory();
        var repository = ModelRepository.Open(directory.Path);
        AddVersions(repository, keep: 10, "a");

        var setError = Assert.Throws<ModelFileException>(() => repository.SetCurrent("zz"));
        var loadError = Assert.Throws<ModelFileException>(() => repository.Load("../a", torch.CPU));

        Assert.Contains("Version zz is not in this repository", setError.Message);
        Assert.Contains($"`ganwatch model list {repository.Root}`", setError.Message);
        Assert.Contains("Version ../a is not in this repository", loadError.Message);
        Assert.Equal("a", repository.CurrentVersion);
    }

    [Fact]
    public void EmptyRepository_HasNoCurrent()
    {
        using var directory = new TemporaryDirectory();
        var repository = ModelRepository.Open(Path.Combine(directory.Path, "missing"));

        Assert.Null(repository.CurrentVersion);
        Assert.Empty(repository.List());
        var error = Assert.Throws<ModelFileException>(() => repository.Load(null, torch.CPU));
        Assert.Contains("has no model", error.Message);
    }

    [Fact]
    public void LegacyRoot_IsTheSingleVersion()
    {
        using var directory = new TemporaryDirectory();
        using var legacy = Copy("20261101T000000000Z");
        legacy.Save(directory.Path);
        var repository = ModelRepository.Open(directory.Path);

        Assert.Equal("20261101T000000000Z", repository.CurrentVersion);
        var info = Assert.Single(repository.List());
        Assert.Equal(repository.Root, info.Directory);
        Assert.True(info.IsCurrent);
        using var loaded = repository.Load(null, torch.CPU);
        Assert.Equal("20261101T000000000Z", loaded.ModelVersion);
    }

    [Fact]
    public void LegacyRoot_BecomesParentAndStays()
    {
        using var directory = new TemporaryDirectory();
        using var legacy = Copy("20261101T000000000Z");
        legacy.Save(directory.Path);
        var repository = ModelRepository.Open(directory.Path);
        using var next = Copy("20261102T000000000Z");
        using var last = Copy("20261103T000000000Z");

        var added = repository.Add(next, keep: 1);
        repository.Add(last, keep: 1);

        Assert.Equal("20261101T000000000Z", added.ParentVersion);
        Assert.Equal(new[] { "20261103T000000000Z", "20261101T000000000Z" }, repository.List().Select(info => info.Version));
        Assert.True(File.Exists(Path.Combine(directory.Path, "model.json")));
        repository.SetCurrent("20261101T000000000Z");
        using var loaded = repository.Load(null, torch.CPU);
        Assert.Equal("20261101T000000000Z", loaded.ModelVersion);
    }

    [Fact]
    public void Import_CopiesVerifiedDirectory()
    {
        using var directory = new TemporaryDirectory();
        string source = Path.Combine(directory.Path, "download");
        using var model = Copy("remote-1");
        model.Save(source);
        var repository = ModelRepository.Open(Path.Combine(directory.Path, "repo"));

        var first = repository.Import(source, keep: 3);
        var again = repository.Import(source, keep: 3);

        Assert.Equal("remote-1", first.Version);
        Assert.Equal("remote-1", again.Version);
        Assert.Single(repository.List());
        Assert.Equal(Sha256(Path.Combine(source, "model.json")), first.Checksum);
        Assert.Equal("remote-1", repository.CurrentVersion);
    }

    [Fact]
    public void Import_RenamesOtherModelWithTakenName()
    {
        using var directory = new TemporaryDirectory();
        var repository = ModelRepository.Open(Path.Combine(directory.Path, "repo"));
        AddVersions(repository, keep: 5, "same");
        string source = Path.Combine(directory.Path, "download");
        using var other = Copy("same");
        other.DataSummary.SourceName = "another host";
        other.Save(source);

        var info = repository.Import(source, keep: 5);

        Assert.Equal("same-2", info.Version);
        using var loaded = repository.Load("same-2", torch.CPU);
        Assert.Equal("same-2", loaded.ModelVersion);
        Assert.Equal("another host", loaded.DataSummary.SourceName);
    }

    [Fact]
    public void Import_RefusesCorruptSource()
    {
        using var directory = new TemporaryDirectory();
        string source = Path.Combine(directory.Path, "download");
        using var model = Copy("remote-1");
        model.Save(source);
        File.WriteAllBytes(Path.Combine(source, "encoder.bin"), [1, 2, 3]);
        var repository = ModelRepository.Open(Path.Combine(directory.Path, "repo"));

        var error = Assert.Throws<ModelFileException>(() => repository.Import(source, keep: 3));

        Assert.EndsWith("encoder.bin", error.FilePath);
        Assert.Null(repository.CurrentVersion);
    }

    [Fact]
    public void List_ShowsUnreadableVersionLast()
    {
        using var directory = new TemporaryDirectory();
        var repository = ModelRepository.Open(directory.Path);
        AddVersions(repository, keep: 10, "a", "b");
        File.WriteAllText(Path.Combine(repository.DirectoryOf("a"), "model.json"), "{ not json");

        var list = repository.List();
        repository.Prune(keep: 1);

        Assert.Equal(new[] { "b", "a" }, list.Select(info => info.Version));
        Assert.Contains("not valid model JSON", list[1].Problem);
        Assert.False(list[1].IsCurrent);
        Assert.True(Directory.Exists(repository.DirectoryOf("a")));
    }

    [Fact]
    public async Task Current_IsReplacedAtomically()
    {
        using var directory = new TemporaryDirectory();
        var repository = ModelRepository.Open(directory.Path);
        AddVersions(repository, keep: 10, "a", "b");
        string currentFile = Path.Combine(repository.Root, "current");
        var seen = new HashSet<string>();
        using var stop = new CancellationTokenSource();

        var reader = Task.Run(
            () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    seen.Add(File.ReadAllText(currentFile));
                }
            },
            TestContext.Current.CancellationToken);
        for (int i = 0; i < 200; i++)
        {
            repository.SetCurrent(i % 2 == 0 ? "a" : "b");
        }

        await stop.CancelAsync();
        await reader;

        Assert.Subset(new HashSet<string> { "a\n", "b\n" }, seen);
        Assert.Equal(new[] { "current", "versions" }, Directory.EnumerateFileSystemEntries(repository.Root).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Add_RejectsVersionThatIsNoDirectoryName()
    {
        using var directory = new TemporaryDirectory();
        var repository = ModelRepository.Open(directory.Path);
        using var model = Copy("../escape");

        var error = Assert.Throws<ArgumentException>(() => repository.Add(model, keep: 1));

        Assert.Contains("'../escape' cannot be used as a directory name", error.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(directory.Path));
    }

    [Fact]
    public void OldModelJson_LoadsWithEmptyLineage()
    {
        using var directory = new TemporaryDirectory();
        using var model = Copy("old");
        model.Lineage = new ModelLineage { ParentVersion = "parent" };
        model.Save(directory.Path);
        string file = Path.Combine(directory.Path, "model.json");
        var json = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
        Assert.True(json.Remove("lineage"));
        File.WriteAllText(file, json.ToJsonString());

        using var loaded = GanModel.Load(directory.Path, torch.CPU);

        Assert.Null(loaded.Lineage.ParentVersion);
        Assert.Null(loaded.Lineage.Validation);
    }

    private GanModel Copy(string version)
    {
        var copy = models.SingleChannel.Clone();
        copy.ModelVersion = version;
        return copy;
    }

    /// <summary>Adds copies of the shared model; they share its creation time, so these versions sort by name.</summary>
    private void AddVersions(ModelRepository repository, int keep, params string[] versions)
    {
        foreach (string version in versions)
        {
            using var model = Copy(version);
            repository.Add(model, keep);
        }
    }

    private static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
}
