namespace GanWatch.Engine.Data;

/// <summary>
/// A batch of fixed-length windows of a multichannel series, stored as one flat <see cref="float"/> array
/// in [count, channels, length] row-major order: element (window i, channel c, step t) is at
/// <c>(i * Channels + c) * Length + t</c>.
/// </summary>
/// <remarks>Instances are not copied on construction: the batch wraps the given array, so callers must not change it afterwards.</remarks>
public sealed class WindowBatch
{
    /// <summary>Creates a batch over <paramref name="values"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size is negative or zero (count may be zero).</exception>
    /// <exception cref="ArgumentException">The array length is not count * channels * length, or a value is NaN or infinite.</exception>
    public WindowBatch(float[] values, int count, int channels, int length)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);

        long expected = (long)count * channels * length;
        if (values.LongLength != expected)
        {
            throw new ArgumentException(
                $"The window array has {values.LongLength} values, but {count} windows x {channels} channels x {length} steps need {expected}. " +
                "Pass the values in [count, channels, length] row-major order.",
                nameof(values));
        }

        int bad = Array.FindIndex(values, v => !float.IsFinite(v));
        if (bad >= 0)
        {
            throw new ArgumentException(
                $"Window value {bad} (window {bad / (channels * length)}) is {values[bad]}; every value must be finite. " +
                "Fill or drop missing points before building windows.",
                nameof(values));
        }

        Values = values;
        Count = count;
        Channels = channels;
        Length = length;
    }

    /// <summary>The values in [count, channels, length] row-major order.</summary>
    public float[] Values { get; }

    /// <summary>The number of windows (may be zero).</summary>
    public int Count { get; }

    /// <summary>The number of channels (metrics) per window.</summary>
    public int Channels { get; }

    /// <summary>The number of time steps per window.</summary>
    public int Length { get; }

    /// <summary>The value of window <paramref name="window"/>, channel <paramref name="channel"/>, step <paramref name="step"/>.</summary>
    public float this[int window, int channel, int step] => Values[((window * Channels) + channel) * Length + step];

    /// <summary>
    /// Cuts every window of <paramref name="length"/> steps, advancing by <paramref name="stride"/> steps, from a series
    /// given as rows in time order, each row holding <paramref name="channels"/> values (so <paramref name="rows"/> is [time, channels]).
    /// </summary>
    /// <returns>A batch of floor((rows - length) / stride) + 1 windows, or an empty batch when the series is shorter than one window.</returns>
    /// <exception cref="ArgumentException">The row array length is not a multiple of <paramref name="channels"/>, or a value is not finite.</exception>
    public static WindowBatch FromSeries(ReadOnlySpan<float> rows, int channels, int length, int stride = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stride);
        if (rows.Length % channels != 0)
        {
            throw new ArgumentException(
                $"The series has {rows.Length} values, which is not a multiple of {channels} channels. Pass whole rows only.",
                nameof(rows));
        }

        int timeSteps = rows.Length / channels;
        int count = timeSteps < length ? 0 : ((timeSteps - length) / stride) + 1;
        var values = new float[(long)count * channels * length];
        for (int i = 0; i < count; i++)
        {
            int start = i * stride;
            for (int c = 0; c < channels; c++)
            {
                int offset = ((i * channels) + c) * length;
                for (int t = 0; t < length; t++)
                {
                    values[offset + t] = rows[((start + t) * channels) + c];
                }
            }
        }

        return new WindowBatch(values, count, channels, length);
    }

    /// <summary>Copies windows <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/> - 1 into a new batch.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The range does not lie inside the batch.</exception>
    public WindowBatch Slice(int start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start + count, Count, nameof(count));

        int windowSize = Channels * Length;
        var values = new float[(long)count * windowSize];
        Array.Copy(Values, (long)start * windowSize, values, 0, values.LongLength);
        return new WindowBatch(values, count, Channels, Length);
    }
}
