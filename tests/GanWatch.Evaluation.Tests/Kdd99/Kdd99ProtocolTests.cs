using GanWatch.Evaluation.Kdd99;

namespace GanWatch.Evaluation.Tests.Kdd99;

public sealed class Kdd99ProtocolTests
{
    [Fact]
    public void Split_HalvesAreDisjointAndCoverAll()
    {
        var (train, test) = Kdd99Protocol.Split(101, seed: 3);

        Assert.Equal(50, train.Length);
        Assert.Equal(51, test.Length);
        Assert.Empty(train.Intersect(test));
        Assert.Equal(Enumerable.Range(0, 101), train.Concat(test).Order());
        Assert.Equal(train.Order(), train);
    }

    [Fact]
    public void Split_DependsOnSeedOnly()
    {
        var first = Kdd99Protocol.Split(1000, seed: 1);
        var again = Kdd99Protocol.Split(1000, seed: 1);
        var other = Kdd99Protocol.Split(1000, seed: 2);

        Assert.Equal(first.Train, again.Train);
        Assert.NotEqual(first.Train, other.Train);
    }

    [Fact]
    public void FlagTop_FlagsScoresAtOrAboveEightiethPercentile()
    {
        double[] scores = [5, 1, 9, 3, 7, 2, 8, 4, 6, 10];

        bool[] flags = Kdd99Protocol.FlagTop(scores);

        // numpy.percentile(scores, 80) = 8.2, so 9 and 10 are flagged.
        Assert.Equal(8.2, Kdd99Protocol.Percentile(scores, 0.8), 9);
        Assert.Equal([false, false, true, false, false, false, false, false, false, true], flags);
    }

    [Fact]
    public void FlagTop_TiesAtCutoffAreAllFlagged()
    {
        double[] scores = [1, 1, 1, 2, 2];

        bool[] flags = Kdd99Protocol.FlagTop(scores);

        Assert.Equal([false, false, false, true, true], flags);
        Assert.Equal(5, Kdd99Protocol.FlagTop([3.0, 3, 3, 3, 3]).Count(f => f));
    }

    [Fact]
    public void FlagTop_RejectsNaN()
    {
        Assert.Throws<ArgumentException>(() => Kdd99Protocol.FlagTop([1.0, double.NaN]));
    }

    [Fact]
    public void Subsample_IsSeededSortedAndBounded()
    {
        int[] indices = Enumerable.Range(0, 100).Select(i => i * 3).ToArray();

        int[] sample = Kdd99GanRun.Subsample(indices, 10, seed: 4);

        Assert.Equal(10, sample.Length);
        Assert.Equal(sample.Order(), sample);
        Assert.All(sample, i => Assert.Contains(i, indices));
        Assert.Equal(sample, Kdd99GanRun.Subsample(indices, 10, seed: 4));
        Assert.Same(indices, Kdd99GanRun.Subsample(indices, 0, seed: 4));
    }
}
