using GanWatch.Engine.Data;

namespace GanWatch.Engine.Tests.Data;

public class WindowBatchTests
{
    [Fact]
    public void FromSeries_CutsChannelMajorWindows()
    {
        // Rows [time, channels]: value = 10 * t + c.
        var rows = new float[6 * 2];
        for (int t = 0; t < 6; t++)
        {
            rows[t * 2] = 10 * t;
            rows[(t * 2) + 1] = (10 * t) + 1;
        }

        var batch = WindowBatch.FromSeries(rows, channels: 2, length: 3, stride: 2);

        Assert.Equal(2, batch.Count);
        Assert.Equal(2, batch.Channels);
        Assert.Equal(3, batch.Length);
        Assert.Equal(new float[] { 0, 10, 20, 1, 11, 21, 20, 30, 40, 21, 31, 41 }, batch.Values);
        Assert.Equal(31, batch[1, 1, 1]);
    }

    [Fact]
    public void FromSeries_ShortSeriesGivesEmptyBatch()
    {
        var batch = WindowBatch.FromSeries(new float[] { 1, 2, 3 }, channels: 1, length: 4);

        Assert.Equal(0, batch.Count);
        Assert.Empty(batch.Values);
    }

    [Fact]
    public void Constructor_RejectsWrongLength()
    {
        var error = Assert.Throws<ArgumentException>(() => new WindowBatch(new float[5], 2, 1, 3));

        Assert.Contains("5 values", error.Message);
        Assert.Contains("need 6", error.Message);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void Constructor_RejectsNonFiniteValue(float bad)
    {
        var values = new float[] { 0, 1, 2, 3, bad, 5 };

        var error = Assert.Throws<ArgumentException>(() => new WindowBatch(values, 2, 1, 3));

        Assert.Contains("value 4 (window 1)", error.Message);
    }

    [Fact]
    public void FromSeries_RejectsPartialRow()
    {
        Assert.Throws<ArgumentException>(() => WindowBatch.FromSeries(new float[] { 1, 2, 3 }, channels: 2, length: 1));
    }

    [Fact]
    public void Slice_CopiesRequestedWindows()
    {
        var batch = new WindowBatch(Enumerable.Range(0, 12).Select(i => (float)i).ToArray(), 4, 1, 3);

        var slice = batch.Slice(1, 2);

        Assert.Equal(2, slice.Count);
        Assert.Equal(new float[] { 3, 4, 5, 6, 7, 8 }, slice.Values);
        Assert.Throws<ArgumentOutOfRangeException>(() => batch.Slice(3, 2));
    }
}
