using GanWatch.Engine.FineTuning;
using GanWatch.Engine.Tests.Support;

namespace GanWatch.Engine.Tests.FineTuning;

public class RocAucTests
{
    [Theory]
    [InlineData(new[] { 0.1, 0.2, 0.3 }, new[] { 0.4, 0.5 }, 1.0)]
    [InlineData(new[] { 0.4, 0.5 }, new[] { 0.1, 0.2, 0.3 }, 0.0)]
    [InlineData(new[] { 1.0, 1.0, 1.0 }, new[] { 1.0, 1.0 }, 0.5)]
    [InlineData(new[] { 0.1, 0.4, 0.35, 0.8 }, new[] { 0.35, 0.9 }, 0.6875)]
    public void Compute_MatchesPairCount(double[] negatives, double[] positives, double expected)
    {
        Assert.Equal(expected, RocAuc.Compute(negatives, positives), precision: 12);
        Assert.Equal(SineData.Auc(negatives, positives), RocAuc.Compute(negatives, positives), precision: 12);
    }

    [Fact]
    public void Compute_AgreesWithPairCountOnRandomTies()
    {
        var random = new Random(12);
        var negatives = Enumerable.Range(0, 300).Select(_ => (double)random.Next(20)).ToArray();
        var positives = Enumerable.Range(0, 200).Select(_ => (double)random.Next(5, 25)).ToArray();

        Assert.Equal(SineData.Auc(negatives, positives), RocAuc.Compute(negatives, positives), precision: 12);
    }

    [Fact]
    public void Compute_EmptyOrNaNGivesNaN()
    {
        Assert.True(double.IsNaN(RocAuc.Compute([], [1.0])));
        Assert.True(double.IsNaN(RocAuc.Compute([1.0], [])));
        Assert.True(double.IsNaN(RocAuc.Compute([1.0, double.NaN], [2.0])));
    }
}
