using GanWatch.Engine.Thresholds;

namespace GanWatch.Engine.Tests.Thresholds;

public class QuantileThresholdTests
{
    [Fact]
    public void Calibrate_InterpolatesEmpiricalQuantile()
    {
        // Scores 0..999 shuffled: the 0.995 quantile by linear interpolation is 0.995 * 999 = 994.005.
        var scores = Enumerable.Range(0, 1000).Select(i => (double)i).OrderBy(i => (i * 7919) % 1000).ToArray();

        var threshold = QuantileThreshold.Calibrate(scores, new ThresholdOptions { Method = ThresholdMethod.Quantile, Quantile = 0.995 });

        Assert.Equal(994.005, threshold.Value, 9);
        Assert.True(threshold.IsAnomaly(994.01));
        Assert.False(threshold.IsAnomaly(994));
    }

    [Fact]
    public void Observe_LeavesValueFixed()
    {
        var threshold = ThresholdFactory.Calibrate(new double[] { 1, 2, 3, 4 }, new ThresholdOptions { Method = ThresholdMethod.Quantile, Quantile = 0.5 });
        double value = threshold.Value;

        threshold.Observe(100);
        threshold.Observe(2);

        Assert.Equal(value, threshold.Value);
        Assert.Equal(6, threshold.GetState().ObservationCount);
        Assert.IsType<QuantileThreshold>(threshold);
    }

    [Fact]
    public void Calibrate_RejectsEmptyOrNonFiniteScores()
    {
        var options = new ThresholdOptions { Method = ThresholdMethod.Quantile };

        Assert.Throws<ArgumentException>(() => QuantileThreshold.Calibrate(Array.Empty<double>(), options));
        var error = Assert.Throws<ArgumentException>(() => QuantileThreshold.Calibrate(new[] { 1, double.NaN }, options));
        Assert.Contains("score 1", error.Message);
    }
}
