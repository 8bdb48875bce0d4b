using GanWatch.Engine.Data;
using GanWatch.Evaluation.Data;

namespace GanWatch.Cli;

/// <summary>Cuts sliding windows from series read by <see cref="CsvSeriesReader"/>.</summary>
internal static class SeriesWindows
{
    /// <summary>Returns the series' rows flattened to [time, channels], the layout <see cref="WindowBatch.FromSeries"/> takes.</summary>
    public static float[] Flatten(TimeSeries series, int firstRow = 0, int rowCount = -1)
    {
        if (rowCount < 0)
        {
            rowCount = series.RowCount - firstRow;
        }

        int channels = series.ChannelCount;
        var rows = new float[rowCount * channels];
        for (int r = 0; r < rowCount; r++)
        {
            series.Values[firstRow + r].AsSpan().CopyTo(rows.AsSpan(r * channels, channels));
        }

        return rows;
    }

    /// <summary>Concatenates batches with the same channel count and window length into one.</summary>
    public static WindowBatch Concatenate(IReadOnlyList<WindowBatch> batches, int channels, int length)
    {
        int count = batches.Sum(b => b.Count);
        var values = new float[(long)count * channels * length];
        int offset = 0;
        foreach (WindowBatch batch in batches)
        {
            batch.Values.CopyTo(values, offset);
            offset += batch.Values.Length;
        }

        return new WindowBatch(values, count, channels, length);
    }
}
