namespace GanWatch.Streaming.Processing;

/// <summary>
/// Retry and circuit-breaker settings for alert and dead-letter records whose delivery report failed. librdkafka
/// already retries inside <c>message.timeout.ms</c>; these settings govern producing such a record again afterwards.
/// </summary>
public sealed class PublishResilienceOptions
{
    /// <summary>
    /// Times a record is produced again after a transient delivery failure before the processor stops with
    /// <see cref="DeliveryFailedException"/>. Waiting for the open breaker does not count. Default 10; 0 disables retries.
    /// </summary>
    public int MaxRetries { get; set; } = 10;

    /// <summary>Delay before the first retry; later delays double, with jitter, up to <see cref="MaxDelay"/>. Default 500 ms.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest delay between two retries of one record. Default 30 s.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Share of failed attempts within <see cref="SamplingDuration"/> that opens the breaker, above 0 and up to 1. Default 0.5.</summary>
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>Attempts within <see cref="SamplingDuration"/> needed before the breaker may open. Default 10.</summary>
    public int MinimumThroughput { get; set; } = 10;

    /// <summary>Window over which the breaker measures the failure ratio. Default 30 s.</summary>
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Time the breaker stays open. While it is open the consumer pauses its partitions; once it elapses one retry
    /// probes the brokers. Default 15 s.
    /// </summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Returns every problem with these settings, each naming the option; empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (MaxRetries is < 0 or > 1000)
        {
            problems.Add($"{nameof(MaxRetries)} is {MaxRetries}; set it between 0 and 1000.");
        }

        if (MinimumThroughput is < 2 or > 1_000_000)
        {
            problems.Add($"{nameof(MinimumThroughput)} is {MinimumThroughput}; set it between 2 and 1000000.");
        }

        if (!(FailureRatio > 0 && FailureRatio <= 1))
        {
            problems.Add($"{nameof(FailureRatio)} is {FailureRatio}; set it above 0 and at most 1.");
        }

        // Polly rejects a sampling window under 500 ms and a break under 500 ms.
        RequireDuration(problems, BaseDelay, nameof(BaseDelay), TimeSpan.FromMilliseconds(1), TimeSpan.FromHours(1));
        RequireDuration(problems, MaxDelay, nameof(MaxDelay), TimeSpan.FromMilliseconds(1), TimeSpan.FromHours(1));
        RequireDuration(problems, SamplingDuration, nameof(SamplingDuration), TimeSpan.FromMilliseconds(500), TimeSpan.FromDays(1));
        RequireDuration(problems, BreakDuration, nameof(BreakDuration), TimeSpan.FromMilliseconds(500), TimeSpan.FromDays(1));
        if (MaxDelay < BaseDelay)
        {
            problems.Add($"{nameof(MaxDelay)} ({MaxDelay}) must be at least {nameof(BaseDelay)} ({BaseDelay}).");
        }

        return problems;
    }

    private static void RequireDuration(List<string> problems, TimeSpan value, string name, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            problems.Add($"{name} is {value}; set it from {min} up to {max}.");
        }
    }
}
