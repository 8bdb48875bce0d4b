using GanWatch.Evaluation.Likelihood;

namespace GanWatch.Evaluation.Tests.Likelihood;

public sealed class GaussianTailTests
{
    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(0.5, 0.4795001221869535)]
    [InlineData(1.0, 0.15729920705028513)]
    [InlineData(3.0, 2.209049699858544e-05)]
    [InlineData(5.0, 1.5374597944280349e-12)]
    [InlineData(-1.0, 1.8427007929497148)]
    public void ErfcIsAccurate(double x, double expected)
    {
        // Reference values of erfc from Python's math.erfc.
        var relativeError = Math.Abs(GaussianTail.Erfc(x) - expected) / expected;

        Assert.True(relativeError < 2e-7, $"erfc({x}) relative error {relativeError}");
    }

    [Fact]
    public void TailIsTwoSided()
    {
        var gaussian = new GaussianTail(1.0, 0.5);

        Assert.Equal(0.5, gaussian.TailProbability(1.0), 7);
        Assert.Equal(gaussian.TailProbability(2.0), gaussian.TailProbability(0.0), 12);
        Assert.Equal(0.02275013, gaussian.TailProbability(2.0), 6);
    }

    [Fact]
    public void FitAppliesLowerBounds()
    {
        var fitted = GaussianTail.Fit([0.001, 0.001, 0.001]);

        Assert.Equal(0.03, fitted.Mean);
        Assert.Equal(Math.Sqrt(0.0003), fitted.StandardDeviation, 12);
    }
}
