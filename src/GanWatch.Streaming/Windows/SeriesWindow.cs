namespace GanWatch.Streaming.Windows;

/// <summary>
/// Ring buffer of the last <see cref="Length"/> points of one series, each with <see cref="Channels"/> values and a timestamp.
/// </summary>
/// <remarks>Not thread-safe: the consumer thread owns each instance.</remarks>
public sealed class SeriesWindow
{
    private readonly float[] _values;
    private readonly DateTimeOffset[] _timestamps;
    private int _next;

    /// <summary>Creates an empty window.</summary>
    /// <param name="length">Points per window (the model's window length), at least 1.</param>
    /// <param name="channels">Values per point, at least 1.</param>
    public SeriesWindow(int length, int channels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        Length = length;
        Channels = channels;
        _values = new float[length * channels];
        _timestamps = new DateTimeOffset[length];
    }

    /// <summary>Points per window.</summary>
    public int Length { get; }

    /// <summary>Values per point.</summary>
    public int Channels { get; }

    /// <summary>Points stored so far, at most <see cref="Length"/>.</summary>
    public int Count { get; private set; }

    /// <summary>Whether <see cref="Count"/> equals <see cref="Length"/>.</summary>
    public bool IsFull => Count == Length;

    /// <summary>Timestamp of the newest point, or <see langword="null"/> when empty.</summary>
    public DateTimeOffset? LastTimestamp => Count == 0 ? null : _timestamps[(_next + Length - 1) % Length];

    /// <summary>Timestamp of the oldest stored point, or <see langword="null"/> when empty.</summary>
    public DateTimeOffset? FirstTimestamp => Count == 0 ? null : _timestamps[(_next + Length - Count) % Length];

    /// <summary>Adds a point unless the ordering policies reject it.</summary>
    /// <param name="timestamp">Point time.</param>
    /// <param name="values">One value per channel.</param>
    /// <param name="acceptOutOfOrder">Store points older than the newest one (in arrival order) instead of rejecting them.</param>
    /// <param name="acceptDuplicate">Store points with the newest point's timestamp instead of rejecting them.</param>
    /// <exception cref="ArgumentException"><paramref name="values"/> does not have <see cref="Channels"/> elements.</exception>
    public AppendOutcome Append(DateTimeOffset timestamp, ReadOnlySpan<float> values, bool acceptOutOfOrder, bool acceptDuplicate)
    {
        if (values.Length != Channels)
        {
            throw new ArgumentException($"Expected {Channels} channel value(s) but got {values.Length}.", nameof(values));
        }

        if (LastTimestamp is { } last)
        {
            if (timestamp < last && !acceptOutOfOrder)
            {
                return AppendOutcome.RejectedOutOfOrder;
            }

            if (timestamp == last && !acceptDuplicate)
            {
                return AppendOutcome.RejectedDuplicate;
            }
        }

        values.CopyTo(_values.AsSpan(_next * Channels, Channels));
        _timestamps[_next] = timestamp;
        _next = (_next + 1) % Length;
        Count = Math.Min(Count + 1, Length);
        return IsFull ? AppendOutcome.Complete : AppendOutcome.WarmUp;
    }

    /// <summary>
    /// Copies the stored points into <paramref name="destination"/> laid out as [channels, length], oldest point first.
    /// </summary>
    /// <exception cref="InvalidOperationException">The window is not full.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than channels × length.</exception>
    public void CopyTo(Span<float> destination)
    {
        if (!IsFull)
        {
            throw new InvalidOperationException($"The window contains {Count} of {Length} points. Copy only a full window.");
        }

        if (destination.Length < Length * Channels)
        {
            throw new ArgumentException($"Destination needs {Length * Channels} floats but has {destination.Length}.", nameof(destination));
        }

        for (int point = 0; point < Length; point++)
        {
            int slot = (_next + point) % Length;
            for (int channel = 0; channel < Channels; channel++)
            {
                destination[channel * Length + point] = _values[slot * Channels + channel];
            }
        }
    }
}
