using GanWatch.Systemd;
using Microsoft.Extensions.Time.Testing;

namespace GanWatch.Tests.Systemd;

/// <summary><see cref="StallDetector"/>: when the watchdog must stop pinging.</summary>
public sealed class StallDetectorTests
{
    private static readonly TimeSpan StallTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public void IdlePipelineThatPollsIsAlive()
    {
        var time = new FakeTimeProvider();
        var detector = new StallDetector(StallTimeout, time);

        for (long polls = 1; polls <= 10; polls++)
        {
            time.Advance(TimeSpan.FromSeconds(15));
            Assert.Null(detector.Check(polls * 150, pendingWindows: 0, batches: 7));
        }
    }

    [Fact]
    public void StuckConsumerThreadStalls()
    {
        var time = new FakeTimeProvider();
        var detector = new StallDetector(StallTimeout, time);
        Assert.Null(detector.Check(100, 0, 0));

        time.Advance(TimeSpan.FromSeconds(29));
        Assert.Null(detector.Check(100, 0, 0));
        time.Advance(TimeSpan.FromSeconds(1));
        string? reason = detector.Check(100, 0, 0);

        Assert.NotNull(reason);
        Assert.Contains("consumer thread has not polled", reason, StringComparison.Ordinal);
        Assert.Null(detector.Check(101, 0, 0));
    }

    [Fact]
    public void StuckScoringThreadStalls()
    {
        var time = new FakeTimeProvider();
        var detector = new StallDetector(StallTimeout, time);
        long polls = 0;
        Assert.Null(detector.Check(++polls, pendingWindows: 500, batches: 3));

        for (int i = 0; i < 5; i++)
        {
            time.Advance(TimeSpan.FromSeconds(5));
            Assert.Null(detector.Check(++polls, pendingWindows: 8192, batches: 3));
        }

        time.Advance(TimeSpan.FromSeconds(5));
        string? reason = detector.Check(++polls, pendingWindows: 8192, batches: 3);

        Assert.NotNull(reason);
        Assert.Contains("scoring thread has not finished a batch", reason, StringComparison.Ordinal);
        Assert.Null(detector.Check(++polls, pendingWindows: 8000, batches: 4));
    }

    [Fact]
    public void NonPositiveTimeoutThrows()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new StallDetector(TimeSpan.Zero, TimeProvider.System));
    }
}
