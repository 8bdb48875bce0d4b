namespace GanWatch.Streaming.Publishing;

/// <summary>
/// Allows at most <see cref="MaxRecreations"/> producer replacements within <see cref="Window"/>, so that a fatal error
/// that a new producer cannot fix (for example a rejected configuration) stops the processor instead of looping.
/// Thread-safe.
/// </summary>
internal sealed class ProducerRecreationLimit(TimeProvider time)
{
    /// <summary>Replacements allowed within <see cref="Window"/>.</summary>
    public const int MaxRecreations = 3;

    /// <summary>Sliding window of the limit.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    private readonly Queue<DateTimeOffset> _recent = new();
    private readonly object _gate = new();

    /// <summary>Records a replacement and returns true, or returns false when the limit is reached.</summary>
    public bool TryAcquire()
    {
        lock (_gate)
        {
            DateTimeOffset now = time.GetUtcNow();
            while (_recent.Count > 0 && now - _recent.Peek() > Window)
            {
                _recent.Dequeue();
            }

            if (_recent.Count >= MaxRecreations)
            {
                return false;
            }

            _recent.Enqueue(now);
            return true;
        }
    }
}
