using GanWatch.Evaluation.Baselines;

namespace GanWatch.Evaluation.Tests.Baselines;

public sealed class RollingZScoreDetectorTests
{
    [Fact]
    public void ScoreUsesPreviousValuesOnly()
    {
        // Before 5: values 1 and 3, mean 2, population sd 1, so |5 - 2| / 1 = 3.
        var scores = RollingZScoreDetector.ScoreSeries([1.0, 3.0, 5.0]);

        Assert.Equal(0.0, scores[0]);
        Assert.Equal(3.0, scores[2], 12);
    }

    [Fact]
    public void WindowDropsOldValues()
    {
        // With a window of 2, the value 100 has left the statistics by the fourth row: previous 1, 3.
        var scores = RollingZScoreDetector.ScoreSeries([100.0, 1.0, 3.0, 5.0], windowSize: 2);

        Assert.Equal(3.0, scores[3], 12);
    }

    [Fact]
    public void FlatHistoryUsesMinimumDeviation()
    {
        var detector = new RollingZScoreDetector(windowSize: 10, minimumStandardDeviation: 0.5);
        detector.Update(2.0);
        detector.Update(2.0);

        Assert.Equal(0.0, detector.Update(2.0));
        Assert.Equal(4.0, detector.Update(4.0), 12);
    }

    [Fact]
    public void InvalidArgumentsFail()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RollingZScoreDetector(windowSize: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RollingZScoreDetector(minimumStandardDeviation: 0.0));
        Assert.Throws<ArgumentException>(() => new RollingZScoreDetector().Update(double.PositiveInfinity));
    }
}
