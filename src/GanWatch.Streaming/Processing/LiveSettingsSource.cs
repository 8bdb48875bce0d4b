namespace GanWatch.Streaming.Processing;

/// <summary>
/// The current <see cref="LiveSettings"/> of one processor, shared by the consumer and scoring threads and replaced
/// whole by <see cref="StreamProcessor.UpdateSettings"/>. Thread-safe.
/// </summary>
internal sealed class LiveSettingsSource(LiveSettings initial)
{
    private LiveSettings _current = initial;

    /// <summary>The latest snapshot. Read it once per record or batch, so one unit of work sees one set of values.</summary>
    public LiveSettings Current => Volatile.Read(ref _current);

    /// <summary>Publishes <paramref name="next"/> and returns the snapshot it replaced.</summary>
    public LiveSettings Exchange(LiveSettings next) => Interlocked.Exchange(ref _current, next);
}
