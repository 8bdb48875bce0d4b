namespace GanWatch.Streaming.Alerts;

/// <summary>
/// Groups the anomalous windows of one series into episodes and decides which windows send an alert.
/// </summary>
/// <remarks>
/// <para>An anomalous window opens an episode and alerts, unless an episode is open. Within an episode a window alerts
/// again only when the quiet period has passed since the last alert or its score is at least the escalation factor
/// times the last alerted score. Other anomalous windows are counted as suppressed. An episode closes when the quiet
/// period passes, in record time, with no anomalous window.</para>
/// <para>All times are record times, never wall-clock times. Not thread-safe: the scoring thread owns each instance.</para>
/// </remarks>
public sealed class EpisodeTracker
{
    private TimeSpan _quietPeriod;
    private double _escalationFactor;
    private DateTimeOffset? _startedAt;
    private DateTimeOffset _lastAnomalousAt;
    private DateTimeOffset _lastAlertAt;
    private double _lastAlertScore;
    private int _windows;
    private int _suppressed;

    /// <summary>Creates a tracker with no open episode.</summary>
    /// <param name="quietPeriod">Record time without anomalous windows that closes an episode, and between re-alerts.</param>
    /// <param name="escalationFactor">Re-alert within an episode when the score reaches this multiple of the last alerted score.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="quietPeriod"/> is not positive or <paramref name="escalationFactor"/> is below 1.</exception>
    public EpisodeTracker(TimeSpan quietPeriod, double escalationFactor) => SetRule(quietPeriod, escalationFactor);

    /// <summary>
    /// Changes the quiet period and escalation factor. An open episode stays open, and the next window is judged by
    /// the new rule against the times and score of the episode so far.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="quietPeriod"/> is not positive or <paramref name="escalationFactor"/> is below 1.</exception>
    public void SetRule(TimeSpan quietPeriod, double escalationFactor)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(quietPeriod, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(escalationFactor, 1.0);
        _quietPeriod = quietPeriod;
        _escalationFactor = escalationFactor;
    }

    /// <summary>Whether an episode is open.</summary>
    public bool IsOpen => _startedAt is not null;

    /// <summary>Records one scored window and decides whether it alerts.</summary>
    /// <param name="anomalous">Whether the window's score exceeded the threshold.</param>
    /// <param name="score">The window's score.</param>
    /// <param name="timestamp">Record time of the window's newest point.</param>
    public EpisodeDecision Observe(bool anomalous, double score, DateTimeOffset timestamp)
    {
        if (_startedAt is not null && timestamp - _lastAnomalousAt >= _quietPeriod)
        {
            _startedAt = null;
        }

        if (!anomalous)
        {
            return new EpisodeDecision(false, false, _startedAt, _windows, _suppressed);
        }

        _lastAnomalousAt = timestamp;
        if (_startedAt is null)
        {
            _startedAt = timestamp;
            _windows = 1;
            _suppressed = 0;
            return Alert(score, timestamp);
        }

        _windows++;
        bool quietElapsed = timestamp - _lastAlertAt >= _quietPeriod;
        bool escalated = score >= _escalationFactor * _lastAlertScore;
        if (quietElapsed || escalated)
        {
            return Alert(score, timestamp);
        }

        _suppressed++;
        return new EpisodeDecision(true, false, _startedAt, _windows, _suppressed);
    }

    private EpisodeDecision Alert(double score, DateTimeOffset timestamp)
    {
        var decision = new EpisodeDecision(true, true, _startedAt, _windows, _suppressed);
        _lastAlertAt = timestamp;
        _lastAlertScore = score;
        _suppressed = 0;
        return decision;
    }
}
