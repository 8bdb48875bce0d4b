namespace GanWatch.Evaluation.Data;

/// <summary>
/// A named series of rows with one value per channel and optional timestamps.
/// Instances are immutable by convention: the arrays are shared, not copied, so callers must not modify them.
/// </summary>
public sealed class TimeSeries
{
    /// <summary>Creates a series and checks that every row has one value per channel.</summary>
    /// <param name="name">A name for reports, usually the file name or a path relative to a corpus root.</param>
    /// <param name="timestamps">One timestamp per row, or null when the source has none.</param>
    /// <param name="values">Rows of values, <c>values[row][channel]</c>.</param>
    /// <param name="channelNames">One name per channel.</param>
    /// <exception cref="ArgumentException">A row or the timestamp array has the wrong length.</exception>
    public TimeSeries(string name, DateTime[]? timestamps, float[][] values, IReadOnlyList<string> channelNames)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(channelNames);

        if (timestamps is not null && timestamps.Length != values.Length)
        {
            throw new ArgumentException(
                $"Series '{name}' has {timestamps.Length} timestamps but {values.Length} rows; pass one timestamp per row.",
                nameof(timestamps));
        }

        for (var row = 0; row < values.Length; row++)
        {
            if (values[row].Length != channelNames.Count)
            {
                throw new ArgumentException(
                    $"Series '{name}' row {row} has {values[row].Length} values but there are {channelNames.Count} channels.",
                    nameof(values));
            }
        }

        Name = name;
        Timestamps = timestamps;
        Values = values;
        ChannelNames = channelNames;
    }

    /// <summary>The series name.</summary>
    public string Name { get; }

    /// <summary>One timestamp per row, or null when the source has none. Not necessarily sorted or unique.</summary>
    public DateTime[]? Timestamps { get; }

    /// <summary>Rows of values, <c>Values[row][channel]</c>.</summary>
    public float[][] Values { get; }

    /// <summary>One name per channel: header names, or <c>c0</c>, <c>c1</c>, ... when the file has no header.</summary>
    public IReadOnlyList<string> ChannelNames { get; }

    /// <summary>The number of rows.</summary>
    public int RowCount => Values.Length;

    /// <summary>The number of channels.</summary>
    public int ChannelCount => ChannelNames.Count;

    /// <summary>Copies one channel into a new array.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="channel"/> is not a channel index.</exception>
    public float[] GetChannel(int channel)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(channel);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(channel, ChannelCount);

        var result = new float[RowCount];
        for (var row = 0; row < RowCount; row++)
        {
            result[row] = Values[row][channel];
        }

        return result;
    }
}
