using GanWatch.Models;

namespace GanWatch.FineTuning;

/// <summary>
/// Decides when each model's next fine-tuning run is due: after <see cref="FineTuneServiceOptions.IntervalWindows"/>
/// windows were admitted to its buffer, or <see cref="FineTuneServiceOptions.Interval"/> after its last run, whichever
/// comes first. A model's schedule starts when it is first seen. Used by the fine-tuning thread only.
/// </summary>
internal sealed class FineTuneSchedule(long intervalWindows, TimeSpan interval, TimeProvider time)
{
    private readonly Dictionary<ModelSource, (long StartedAt, long AdmittedAtRun)> _lastRuns = [];

    /// <summary>Returns whether a run of <paramref name="source"/> is due, given the windows its buffer has admitted so far.</summary>
    public bool IsDue(ModelSource source, long admitted)
    {
        if (!_lastRuns.TryGetValue(source, out (long StartedAt, long AdmittedAtRun) last))
        {
            // The first sighting starts both triggers, so a restart does not fine-tune at once.
            _lastRuns[source] = (time.GetTimestamp(), admitted);
            return false;
        }

        bool windowsDue = intervalWindows > 0 && admitted - last.AdmittedAtRun >= intervalWindows;
        bool timeDue = interval > TimeSpan.Zero && time.GetElapsedTime(last.StartedAt) >= interval;
        return windowsDue || timeDue;
    }

    /// <summary>Records that a run of <paramref name="source"/> starts now, with its buffer at <paramref name="admitted"/> windows.</summary>
    public void Started(ModelSource source, long admitted) => _lastRuns[source] = (time.GetTimestamp(), admitted);
}
