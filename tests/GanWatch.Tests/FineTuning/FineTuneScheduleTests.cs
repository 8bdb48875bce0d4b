using GanWatch.FineTuning;
using GanWatch.Models;
using Microsoft.Extensions.Time.Testing;

namespace GanWatch.Tests.FineTuning;

public sealed class FineTuneScheduleTests
{
    private static readonly ModelSource Source = new("/models/cpu", null);

    [Fact]
    public void WindowTriggerCountsSinceLastRun()
    {
        var schedule = new FineTuneSchedule(intervalWindows: 100, interval: TimeSpan.Zero, new FakeTimeProvider());

        Assert.False(schedule.IsDue(Source, admitted: 500));
        Assert.False(schedule.IsDue(Source, admitted: 599));
        Assert.True(schedule.IsDue(Source, admitted: 600));
        schedule.Started(Source, admitted: 600);
        Assert.False(schedule.IsDue(Source, admitted: 699));
        Assert.True(schedule.IsDue(Source, admitted: 700));
    }

    [Fact]
    public void TimeTriggerCountsSinceLastRun()
    {
        var time = new FakeTimeProvider();
        var schedule = new FineTuneSchedule(intervalWindows: 0, interval: TimeSpan.FromHours(1), time);

        Assert.False(schedule.IsDue(Source, admitted: 0));
        time.Advance(TimeSpan.FromMinutes(59));
        Assert.False(schedule.IsDue(Source, admitted: 1_000_000));
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(schedule.IsDue(Source, admitted: 0));
        schedule.Started(Source, admitted: 0);
        Assert.False(schedule.IsDue(Source, admitted: 0));
    }

    [Fact]
    public void DisabledTriggersNeverFire()
    {
        var time = new FakeTimeProvider();
        var schedule = new FineTuneSchedule(intervalWindows: 0, interval: TimeSpan.Zero, time);

        Assert.False(schedule.IsDue(Source, admitted: 0));
        time.Advance(TimeSpan.FromDays(400));
        Assert.False(schedule.IsDue(Source, admitted: long.MaxValue));
    }
}
