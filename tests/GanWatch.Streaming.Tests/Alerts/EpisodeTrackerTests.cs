using GanWatch.Streaming.Alerts;

namespace GanWatch.Streaming.Tests.Alerts;

public sealed class EpisodeTrackerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static EpisodeTracker Create() => new(TimeSpan.FromMinutes(10), escalationFactor: 1.5);

    [Fact]
    public void FirstAnomalyOpensAndAlerts()
    {
        var tracker = Create();

        Assert.False(tracker.Observe(false, 1, T0).SendAlert);
        EpisodeDecision decision = tracker.Observe(true, 10, T0.AddMinutes(1));

        Assert.True(decision.SendAlert);
        Assert.Equal(T0.AddMinutes(1), decision.StartedAt);
        Assert.Equal(1, decision.Windows);
        Assert.Equal(0, decision.Suppressed);
        Assert.True(tracker.IsOpen);
    }

    [Fact]
    public void FollowingAnomaliesAreSuppressed()
    {
        var tracker = Create();
        tracker.Observe(true, 10, T0);

        EpisodeDecision second = tracker.Observe(true, 11, T0.AddMinutes(1));
        EpisodeDecision third = tracker.Observe(true, 12, T0.AddMinutes(2));

        Assert.False(second.SendAlert);
        Assert.False(third.SendAlert);
        Assert.Equal(3, third.Windows);
        Assert.Equal(2, third.Suppressed);
    }

    [Fact]
    public void EscalationAlertsAgainAndResetsSuppressed()
    {
        var tracker = Create();
        tracker.Observe(true, 10, T0);
        tracker.Observe(true, 14, T0.AddMinutes(1));

        EpisodeDecision escalated = tracker.Observe(true, 15, T0.AddMinutes(2));
        EpisodeDecision after = tracker.Observe(true, 16, T0.AddMinutes(3));

        Assert.True(escalated.SendAlert);
        Assert.Equal(1, escalated.Suppressed);
        Assert.Equal(T0, escalated.StartedAt);
        Assert.False(after.SendAlert);
        Assert.Equal(1, after.Suppressed);
    }

    [Fact]
    public void QuietPeriodSinceLastAlertRealerts()
    {
        var tracker = Create();
        tracker.Observe(true, 10, T0);
        for (int minute = 1; minute < 10; minute++)
        {
            Assert.False(tracker.Observe(true, 10, T0.AddMinutes(minute)).SendAlert);
        }

        EpisodeDecision decision = tracker.Observe(true, 10, T0.AddMinutes(10));

        Assert.True(decision.SendAlert);
        Assert.Equal(T0, decision.StartedAt);
        Assert.Equal(11, decision.Windows);
        Assert.Equal(9, decision.Suppressed);
    }

    [Fact]
    public void QuietPeriodWithoutAnomalyCloses()
    {
        var tracker = Create();
        tracker.Observe(true, 10, T0);
        tracker.Observe(false, 1, T0.AddMinutes(9));
        Assert.True(tracker.IsOpen);

        tracker.Observe(false, 1, T0.AddMinutes(10));
        Assert.False(tracker.IsOpen);
        EpisodeDecision reopened = tracker.Observe(true, 10, T0.AddMinutes(11));

        Assert.True(reopened.SendAlert);
        Assert.Equal(T0.AddMinutes(11), reopened.StartedAt);
        Assert.Equal(1, reopened.Windows);
    }
}
