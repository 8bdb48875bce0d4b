using System.Diagnostics;

namespace GanWatch.Bench;

/// <summary>Raises <see cref="TimeoutException"/> when the daemon's consumed-record count stops changing for too long.</summary>
internal sealed class ProgressWatch(TimeSpan timeout)
{
    private readonly Stopwatch _sinceProgress = Stopwatch.StartNew();
    private long _lastConsumed = -1;

    /// <summary>Records progress, or raises when none was made for the timeout.</summary>
    /// <exception cref="TimeoutException">The consumed count did not change for the timeout.</exception>
    public void Check(long consumed, long expected)
    {
        if (consumed != _lastConsumed)
        {
            _lastConsumed = consumed;
            _sinceProgress.Restart();
        }
        else if (_sinceProgress.Elapsed > timeout)
        {
            throw new TimeoutException(
                $"The daemon consumed {consumed} of {expected} records and made no progress for {timeout.TotalMinutes:F0} minutes.");
        }
    }
}
