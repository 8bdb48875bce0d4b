using GanWatch.Streaming.Processing;

namespace GanWatch.Streaming.Tests.Processing;

public sealed class StreamProcessorOptionsTests
{
    [Fact]
    public void DefaultsNeedOnlyServersAndTopic()
    {
        var options = new StreamProcessorOptions();

        Assert.Equal(2, options.Validate().Count);
        options.BootstrapServers = "localhost:9092";
        options.InputTopic = "points";
        Assert.Empty(options.Validate());
    }

    [Fact]
    public void ValidateListsEveryProblem()
    {
        var options = new StreamProcessorOptions
        {
            BootstrapServers = "localhost:9092",
            InputTopic = "alerts",
            AlertTopic = "alerts",
            MaxBatchSize = 0,
            MaxPendingWindows = 1,
            EpisodeEscalationFactor = 0.5,
            ShutdownTimeout = TimeSpan.Zero,
            ConsumerConfig = { ["enable.auto.offset.store"] = "true" },
        };

        IReadOnlyList<string> problems = options.Validate();

        Assert.Contains(problems, p => p.Contains(nameof(options.InputTopic)));
        Assert.Contains(problems, p => p.Contains(nameof(options.MaxBatchSize)));
        Assert.Contains(problems, p => p.Contains(nameof(options.MaxPendingWindows)));
        Assert.Contains(problems, p => p.Contains(nameof(options.EpisodeEscalationFactor)));
        Assert.Contains(problems, p => p.Contains(nameof(options.ShutdownTimeout)));
        Assert.Contains(problems, p => p.Contains("enable.auto.offset.store"));
        Assert.Throws<ArgumentException>(options.ThrowIfInvalid);
    }
}
