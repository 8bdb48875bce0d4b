using GanWatch.FineTuning;
using GanWatch.Models;
using GanWatch.Streaming.Processing;
using Microsoft.Extensions.Configuration;

namespace GanWatch.Tests.FineTuning;

public sealed class FineTuneServiceOptionsTests
{
    [Fact]
    public void DefaultsAreValidAndOff()
    {
        var options = new FineTuneServiceOptions();

        Assert.Empty(options.Validate());
        Assert.Empty(options.ValidateWith(new StreamProcessorOptions(), new ModelOptions { DefaultModel = "/models/a" }));
        Assert.False(options.Enabled);
        Assert.False(options.UsesModelTopic);
        Assert.Equal(5, options.KeepVersions);
    }

    [Fact]
    public void RepositoryConfigFileMatchesDefaults()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "config", "ganwatch.json");
        IConfiguration file = new ConfigurationBuilder().AddJsonFile(path).Build();

        FineTuneServiceOptions bound = FineTuneServiceOptions.Bind(file.GetSection(FineTuneServiceOptions.SectionName));

        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(new FineTuneServiceOptions()), System.Text.Json.JsonSerializer.Serialize(bound));
    }

    [Fact]
    public void FlatSectionBindsEngineOptions()
    {
        IConfiguration section = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Enabled"] = "true",
            ["ModelTopic"] = "ganwatch-models",
            ["MinWindows"] = "64",
            ["MaxAucDrop"] = "0.05",
            ["Training:Steps"] = "30",
        }).Build();

        FineTuneServiceOptions options = FineTuneServiceOptions.Bind(section);

        Assert.True(options.Enabled);
        Assert.Equal("ganwatch-models", options.ModelTopic);
        Assert.Equal(64, options.Tuning.MinWindows);
        Assert.Equal(0.05, options.Tuning.MaxAucDrop);
        Assert.Equal(30, options.Tuning.Training.Steps);
        Assert.Equal(200, options.Tuning.Training.EncoderSteps);
    }

    [Fact]
    public void ValidateListsEveryProblem()
    {
        var options = new FineTuneServiceOptions
        {
            IntervalWindows = -1,
            Interval = TimeSpan.FromSeconds(-1),
            KeepVersions = 0,
            ModelTopic = "models/with/slashes",
            ChunkBytes = 100,
            PublishTimeout = TimeSpan.Zero,
        };
        options.Tuning.MinWindows = -5;

        IReadOnlyList<string> problems = options.Validate();

        Assert.Contains(problems, problem => problem.StartsWith("FineTune:IntervalWindows is -1", StringComparison.Ordinal));
        Assert.Contains(problems, problem => problem.StartsWith("FineTune:Interval is -00:00:01", StringComparison.Ordinal));
        Assert.Contains(problems, problem => problem.StartsWith("FineTune:KeepVersions is 0", StringComparison.Ordinal));
        Assert.Contains(problems, problem => problem.StartsWith("FineTune:ModelTopic is 'models/with/slashes'", StringComparison.Ordinal));
        Assert.Contains(problems, problem => problem.StartsWith("FineTune:ChunkBytes is 100", StringComparison.Ordinal));
        Assert.Contains(problems, problem => problem.StartsWith("FineTune:PublishTimeout is 00:00:00", StringComparison.Ordinal));
        Assert.Contains(problems, problem => problem.StartsWith("FineTune: ", StringComparison.Ordinal) && problem.Contains("MinWindows", StringComparison.Ordinal));
    }

    [Fact]
    public void ValidateWithFindsClashes()
    {
        var options = new FineTuneServiceOptions { Enabled = true, ModelTopic = "alerts" };
        options.Tuning.Training.Threads = 2;
        var stream = new StreamProcessorOptions { InputTopic = "points", AlertTopic = "alerts" };
        var models = new ModelOptions
        {
            DefaultModel = "/models/a/cpu",
            Threads = 1,
            Routes = [new ModelRoute { Pattern = "b-*", Model = "/models/b/cpu" }, new ModelRoute { Pattern = "c-*", Model = "/models/c/cpu", Version = "v1" }],
        };

        IReadOnlyList<string> problems = options.ValidateWith(stream, models);

        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, problem => problem.StartsWith("FineTune:Training:Threads is 2 but Models:Threads is 1", StringComparison.Ordinal));
        Assert.Contains(problems, problem => problem.StartsWith("FineTune:ModelTopic 'alerts' is also a Stream topic", StringComparison.Ordinal));
        Assert.Contains(problems, problem => problem.Contains("'/models/a/cpu', '/models/b/cpu' share the lineage name 'cpu'", StringComparison.Ordinal));
    }
}
