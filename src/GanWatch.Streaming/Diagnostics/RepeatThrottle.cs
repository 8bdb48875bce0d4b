using System.Collections.Concurrent;

namespace GanWatch.Streaming.Diagnostics;

/// <summary>
/// Limits repeated log lines: the first line with a given key is written, identical ones within
/// <see cref="Interval"/> are counted instead, and the next one after the interval is written with that count.
/// </summary>
/// <remarks>
/// Exists because librdkafka reports an unreachable broker on every reconnect attempt, tens of times a second across
/// clients. Thread-safe; librdkafka calls from its own threads.
/// </remarks>
internal sealed class RepeatThrottle(TimeSpan interval, TimeProvider time)
{
    private const int MaxKeys = 1024;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>Shared instance for librdkafka's log lines and error callbacks, with a 30 s interval.</summary>
    public static RepeatThrottle Kafka { get; } = new(TimeSpan.FromSeconds(30), TimeProvider.System);

    /// <summary>Time during which repeats of a written line are only counted.</summary>
    public TimeSpan Interval => interval;

    /// <summary>Returns whether to write the line with <paramref name="key"/> now, and how many repeats were skipped before it.</summary>
    public bool ShouldWrite(string key, out int suppressed)
    {
        DateTimeOffset now = time.GetUtcNow();
        if (_entries.Count > MaxKeys)
        {
            // Keys normally repeat (one per broker and error); a flood of distinct keys just starts over.
            _entries.Clear();
        }

        Entry entry = _entries.GetOrAdd(key, _ => new Entry());
        lock (entry)
        {
            if (entry.WrittenAt is null || now - entry.WrittenAt.Value >= interval)
            {
                suppressed = entry.Suppressed;
                entry.WrittenAt = now;
                entry.Suppressed = 0;
                return true;
            }

            entry.Suppressed++;
            suppressed = 0;
            return false;
        }
    }

    private sealed class Entry
    {
        public DateTimeOffset? WrittenAt { get; set; }

        public int Suppressed { get; set; }
    }
}
