using System.Globalization;
using GanWatch.Streaming.Diagnostics;

namespace GanWatch.Systemd;

/// <summary>
/// Builds the one-line <c>STATUS=</c> text that <c>systemctl status ganwatch</c> shows while the daemon runs: rates
/// since the previous report, totals and model versions.
/// </summary>
/// <remarks>
/// Not thread-safe; one caller builds reports. <paramref name="modelVersions"/> is read for every report, because a
/// reload, fine-tuning or the model topic may swap models in.
/// </remarks>
internal sealed class StatusReport(StreamCounters counters, Func<IEnumerable<string>> modelVersions, TimeProvider timeProvider)
{
    private long _lastTimestamp = timeProvider.GetTimestamp();
    private long _lastRecords = counters.RecordsConsumed;
    private long _lastWindows = counters.WindowsScored;

    /// <summary>
    /// Returns, for example, <c>Running: 812 records/s, 800 windows/s, 3 alerts, 1 dead letters, 0 windows pending;
    /// models 20261204T213012345Z</c>. Rates cover the time since the previous call or since construction.
    /// </summary>
    public string Next()
    {
        long now = timeProvider.GetTimestamp();
        double seconds = Math.Max(timeProvider.GetElapsedTime(_lastTimestamp, now).TotalSeconds, 1e-3);
        long records = counters.RecordsConsumed;
        long windows = counters.WindowsScored;
        double recordRate = (records - _lastRecords) / seconds;
        double windowRate = (windows - _lastWindows) / seconds;
        _lastTimestamp = now;
        _lastRecords = records;
        _lastWindows = windows;

        string models = string.Join(", ", modelVersions().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));

        // NOTE: consumer lag is not reported because the stream counters do not track it.
        return string.Create(CultureInfo.InvariantCulture,
            $"Running: {recordRate:F0} records/s, {windowRate:F0} windows/s, {counters.Alerts} alerts, {counters.DeadLetters} dead letters, {counters.PendingWindows} windows pending; models {models}");
    }
}
