using GanWatch.Evaluation.Smd;

namespace GanWatch.Evaluation.Tests.Smd;

public sealed class DetectionMetricsTests
{
    //                                          0      1      2      3     4      5     6      7      8     9
    private static readonly bool[] Labels = [false, true, true, true, false, false, true, true, false, false];
    private static readonly bool[] Predictions = [true, false, true, false, false, false, false, false, false, true];

    [Fact]
    public void PointWiseCountsEachRow()
    {
        var metrics = DetectionMetrics.Compute(Predictions, Labels);

        Assert.Equal(1, metrics.TruePositives);
        Assert.Equal(2, metrics.FalsePositives);
        Assert.Equal(4, metrics.FalseNegatives);
        Assert.Equal(1.0 / 3.0, metrics.Precision, 12);
        Assert.Equal(1.0 / 5.0, metrics.Recall, 12);
        Assert.Equal(0.25, metrics.F1, 12);
    }

    [Fact]
    public void PointAdjustFillsDetectedSegments()
    {
        var adjusted = DetectionMetrics.AdjustPredictions(Predictions, Labels);
        var metrics = DetectionMetrics.ComputePointAdjusted(Predictions, Labels);

        Assert.Equal([true, true, true, true, false, false, false, false, false, true], adjusted);
        Assert.Equal(3, metrics.TruePositives);
        Assert.Equal(2, metrics.FalsePositives);
        Assert.Equal(2, metrics.FalseNegatives);
        Assert.Equal(0.6, metrics.F1, 12);
    }

    [Fact]
    public void SegmentAtEndIsAdjusted()
    {
        var adjusted = DetectionMetrics.AdjustPredictions([false, false, true], [false, true, true]);

        Assert.Equal([false, true, true], adjusted);
    }

    [Fact]
    public void NoPredictionsGiveZeroScores()
    {
        var metrics = DetectionMetrics.Compute(new bool[Labels.Length], Labels);

        Assert.Equal(0.0, metrics.Precision);
        Assert.Equal(0.0, metrics.Recall);
        Assert.Equal(0.0, metrics.F1);
    }

    [Fact]
    public void LengthMismatchFails()
    {
        Assert.Throws<ArgumentException>(() => DetectionMetrics.Compute(new bool[3], new bool[4]));
    }
}
