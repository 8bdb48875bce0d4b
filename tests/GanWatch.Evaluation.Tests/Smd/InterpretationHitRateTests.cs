using GanWatch.Evaluation.Smd;

namespace GanWatch.Evaluation.Tests.Smd;

public sealed class InterpretationHitRateTests
{
    [Fact]
    public void HitRateAveragesOverSegmentRows()
    {
        // Rows 1 and 2 are anomalous with faulty channels 0 and 2 (|G| = 2).
        var segments = new[] { new SmdAnomalySegment(1, 3, [0, 2]) };
        float[][] scores =
        [
            [0f, 0f, 0f, 0f],
            [0.9f, 0.1f, 0.8f, 0.2f], // top 2: {0, 2}, hit 1; top 3 adds 3, hit 1
            [0.9f, 0.8f, 0.1f, 0.2f], // top 2: {0, 1}, hit 0.5; top 3: {0, 1, 3}, hit 0.5
        ];

        Assert.Equal(0.75, InterpretationHitRate.Compute(segments, scores, 100), 12);
        Assert.Equal(0.75, InterpretationHitRate.Compute(segments, scores, 150), 12);
        Assert.Equal(0.5, InterpretationHitRate.Compute(segments, scores, 50), 12);
    }

    [Fact]
    public void TiesRankLowerChannelFirst()
    {
        var segments = new[] { new SmdAnomalySegment(0, 1, [1]) };
        float[][] scores = [[0.5f, 0.5f, 0.5f]];

        Assert.Equal(0.0, InterpretationHitRate.Compute(segments, scores, 100));
        Assert.Equal(1.0, InterpretationHitRate.Compute(segments, scores, 200));
    }

    [Fact]
    public void InvalidInputsFail()
    {
        float[][] scores = [[0.5f, 0.5f]];

        Assert.Throws<ArgumentOutOfRangeException>(() => InterpretationHitRate.Compute([new SmdAnomalySegment(0, 1, [0])], scores, 0));
        Assert.Throws<ArgumentException>(() => InterpretationHitRate.Compute([new SmdAnomalySegment(0, 2, [0])], scores, 100));
        Assert.Throws<ArgumentException>(() => InterpretationHitRate.Compute([new SmdAnomalySegment(0, 1, [5])], scores, 100));
        Assert.True(double.IsNaN(InterpretationHitRate.Compute([], scores, 100)));
    }
}
