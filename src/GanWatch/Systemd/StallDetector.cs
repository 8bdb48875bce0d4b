using System.Globalization;

namespace GanWatch.Systemd;

/// <summary>
/// Decides from successive counter samples whether the stream pipeline is alive, so the watchdog pings only a daemon
/// that works. It is stalled when the consumer thread has not polled for <see cref="StallTimeout"/>, or when windows are
/// pending and the scoring thread has not finished a batch for that long.
/// </summary>
/// <remarks>
/// An idle pipeline (nothing pending, polls continuing) is alive. A broker outage is too: librdkafka keeps polling and
/// reconnecting, and a restart would not bring the broker back. Not thread-safe; one caller samples it.
/// </remarks>
internal sealed class StallDetector
{
    private readonly TimeProvider _time;
    private long _polls = -1;
    private long _pollsChangedAt;
    private long _batches = -1;
    private long _scoringProgressAt;

    /// <summary>Creates a detector whose clock starts now.</summary>
    /// <param name="stallTimeout">Time without progress after which the pipeline counts as stalled; positive.</param>
    /// <param name="timeProvider">Clock for the elapsed times.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stallTimeout"/> is zero or negative.</exception>
    public StallDetector(TimeSpan stallTimeout, TimeProvider timeProvider)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(stallTimeout, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(timeProvider);
        StallTimeout = stallTimeout;
        _time = timeProvider;
        _pollsChangedAt = _scoringProgressAt = timeProvider.GetTimestamp();
    }

    /// <summary>Time without progress after which <see cref="Check"/> reports a stall.</summary>
    public TimeSpan StallTimeout { get; }

    /// <summary>Records a sample and returns why the pipeline is stalled, or null when it is alive.</summary>
    /// <param name="consumerPolls">The consumer thread's heartbeat counter.</param>
    /// <param name="pendingWindows">Windows queued for or being scored now.</param>
    /// <param name="batches">Batches the scoring thread has finished.</param>
    public string? Check(long consumerPolls, long pendingWindows, long batches)
    {
        long now = _time.GetTimestamp();
        if (consumerPolls != _polls)
        {
            _polls = consumerPolls;
            _pollsChangedAt = now;
        }

        if (batches != _batches || pendingWindows == 0)
        {
            _batches = batches;
            _scoringProgressAt = now;
        }

        TimeSpan sincePoll = _time.GetElapsedTime(_pollsChangedAt, now);
        if (sincePoll >= StallTimeout)
        {
            return string.Create(CultureInfo.InvariantCulture, $"the consumer thread has not polled Kafka for {sincePoll.TotalSeconds:F0} s");
        }

        TimeSpan sinceBatch = _time.GetElapsedTime(_scoringProgressAt, now);
        if (sinceBatch >= StallTimeout)
        {
            return string.Create(CultureInfo.InvariantCulture, $"the scoring thread has not finished a batch for {sinceBatch.TotalSeconds:F0} s with {pendingWindows} windows pending");
        }

        return null;
    }
}
