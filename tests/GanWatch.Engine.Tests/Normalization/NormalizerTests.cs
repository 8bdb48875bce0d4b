using System.Text.Json;
using GanWatch.Engine.Data;
using GanWatch.Engine.Normalization;

namespace GanWatch.Engine.Tests.Normalization;

public class NormalizerTests
{
    [Fact]
    public void Fit_ComputesPerChannelMeanAndStd()
    {
        // Two windows, two channels, length 2: channel 0 contains 1, 2, 3, 4 and channel 1 contains 10, 10, 30, 30.
        var windows = new WindowBatch(new float[] { 1, 2, 10, 10, 3, 4, 30, 30 }, 2, 2, 2);

        var normalizer = Normalizer.Fit(windows);

        Assert.Equal(2.5f, normalizer.Means[0], 5);
        Assert.Equal(20f, normalizer.Means[1], 5);
        Assert.Equal((float)Math.Sqrt(1.25), normalizer.Stds[0], 5);
        Assert.Equal(10f, normalizer.Stds[1], 5);
    }

    [Fact]
    public void Apply_GivesZeroMeanUnitStd()
    {
        var windows = new WindowBatch(new float[] { 1, 2, 10, 10, 3, 4, 30, 30 }, 2, 2, 2);
        var normalizer = Normalizer.Fit(windows);

        var normalized = normalizer.Apply(windows);
        var refit = Normalizer.Fit(normalized);

        Assert.All(refit.Means, m => Assert.Equal(0f, m, 5));
        Assert.All(refit.Stds, s => Assert.Equal(1f, s, 5));
        Assert.Equal(-1f, normalized[0, 1, 0], 5);
    }

    [Fact]
    public void ConstantChannel_UsesStdFloor()
    {
        var windows = new WindowBatch(new float[] { 5, 5, 5, 5 }, 2, 1, 2);
        var normalizer = Normalizer.Fit(windows);

        var shifted = normalizer.Apply(new WindowBatch(new float[] { 5, 5.001f }, 1, 1, 2));

        Assert.Equal(0f, normalizer.Stds[0]);
        Assert.Equal(Normalizer.MinStd, normalizer.Scale(0));
        Assert.Equal(0f, shifted.Values[0]);
        Assert.True(shifted.Values[1] > 100, $"A small change in a constant channel gave {shifted.Values[1]}, expected a large value.");
    }

    [Fact]
    public void Apply_RejectsOtherChannelCount()
    {
        var normalizer = new Normalizer(new float[] { 0, 0 }, new float[] { 1, 1 });

        var error = Assert.Throws<ArgumentException>(() => normalizer.Apply(new WindowBatch(new float[3], 1, 3, 1)));

        Assert.Contains("3 channels", error.Message);
    }

    [Fact]
    public void Json_RoundTripsValues()
    {
        var normalizer = new Normalizer(new float[] { 1.5f, -2 }, new float[] { 0.25f, 3 });

        var copy = JsonSerializer.Deserialize<Normalizer>(JsonSerializer.Serialize(normalizer));

        Assert.NotNull(copy);
        Assert.Equal(normalizer.Means, copy.Means);
        Assert.Equal(normalizer.Stds, copy.Stds);
    }

    [Fact]
    public void Constructor_RejectsMismatchedArrays()
    {
        Assert.Throws<ArgumentException>(() => new Normalizer(new float[] { 1 }, new float[] { 1, 2 }));
        Assert.Throws<ArgumentException>(() => new Normalizer(new float[] { 1 }, new float[] { -1 }));
        Assert.Throws<ArgumentException>(() => Normalizer.Fit(new WindowBatch([], 0, 1, 4)));
    }
}
