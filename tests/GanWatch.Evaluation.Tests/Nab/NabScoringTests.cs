using GanWatch.Evaluation.Nab;

namespace GanWatch.Evaluation.Tests.Nab;

public sealed class NabScoringTests
{
    [Theory]
    [InlineData(-1.0)]
    [InlineData(-0.5)]
    [InlineData(0.0)]
    [InlineData(0.4)]
    [InlineData(2.9)]
    public void ScaledSigmoidIsTanhOfHalfSlope(double position)
    {
        // 2 / (1 + exp(5x)) - 1 equals -tanh(2.5x).
        Assert.Equal(-Math.Tanh(2.5 * position), NabScoring.ScaledSigmoid(position), 12);
    }

    [Fact]
    public void ScaledSigmoidFarAfterWindowIsMinusOne()
    {
        Assert.Equal(-1.0, NabScoring.ScaledSigmoid(3.01));
        Assert.Equal(-1.0, NabScoring.ScaledSigmoid(40.0));
    }

    [Theory]
    [InlineData(100, 15)]
    [InlineData(1000, 150)]
    [InlineData(1001, 150)]
    [InlineData(5000, 750)]
    [InlineData(22695, 750)]
    [InlineData(0, 0)]
    public void ProbationIsFifteenPercentUpTo750(int rowCount, int expected)
    {
        Assert.Equal(expected, NabScoring.ProbationRows(rowCount));
    }

    [Fact]
    public void ProbationRejectsBadFraction()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => NabScoring.ProbationRows(100, 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => NabScoring.ProbationRows(-1));
    }
}
