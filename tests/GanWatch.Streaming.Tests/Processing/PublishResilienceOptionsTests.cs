using GanWatch.Streaming.Processing;

namespace GanWatch.Streaming.Tests.Processing;

public sealed class PublishResilienceOptionsTests
{
    [Fact]
    public void DefaultsAreValid()
    {
        Assert.Empty(new PublishResilienceOptions().Validate());
    }

    [Fact]
    public void EveryProblemListedWithPrefix()
    {
        var options = new StreamProcessorOptions
        {
            BootstrapServers = "broker:9092",
            InputTopic = "metrics",
            PublishResilience = new PublishResilienceOptions
            {
                MaxRetries = -1,
                FailureRatio = 0,
                MinimumThroughput = 1,
                BreakDuration = TimeSpan.FromMilliseconds(100),
                BaseDelay = TimeSpan.FromSeconds(10),
                MaxDelay = TimeSpan.FromSeconds(1),
            },
        };

        IReadOnlyList<string> problems = options.Validate();

        Assert.Equal(5, problems.Count);
        Assert.All(problems, problem => Assert.StartsWith("PublishResilience: ", problem, StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("MaxRetries is -1", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("FailureRatio is 0", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("MinimumThroughput is 1", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("BreakDuration", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("MaxDelay", StringComparison.Ordinal));
    }
}
