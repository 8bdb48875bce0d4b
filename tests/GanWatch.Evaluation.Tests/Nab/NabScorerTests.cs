using GanWatch.Evaluation.Nab;

namespace GanWatch.Evaluation.Tests.Nab;

/// <summary>
/// Hand-computed NAB scores for 100 rows (15 probation rows) with one window on rows 40-49 (width 10).
/// NAB's scaled sigmoid 2 / (1 + exp(5x)) - 1 equals -tanh(2.5x). So a detection on window row r earns
/// tanh(2.5 (49 - r + 1) / 10) / tanh(2.5), and a false positive d rows after the window costs A_FP tanh(2.5 d / 9).
/// </summary>
public sealed class NabScorerTests
{
    private const int Rows = 100;
    private static readonly double MaxTruePositive = Math.Tanh(2.5);

    private static NabScorer CreateScorer() =>
        new([NabRowWeights.Create("one-window", Rows, [(40, 49)])]);

    private static NabScore Score(NabProfile profile, params int[] detectedRows)
    {
        var detections = new bool[Rows];
        foreach (var row in detectedRows)
        {
            detections[row] = true;
        }

        return CreateScorer().ScoreDetections([detections], profile);
    }

    private static double TruePositive(int row) => Math.Tanh(2.5 * (49 - row + 1) / 10.0) / MaxTruePositive;

    [Fact]
    public void DetectionAtWindowStartScoresPerfect()
    {
        var score = Score(NabProfile.Standard, 40);

        Assert.Equal(1.0, score.RawScore, 12);
        Assert.Equal(100.0, score.NormalizedScore, 9);
        Assert.Equal(1, score.DetectedWindows);
        Assert.Equal(0, score.MissedWindows);
    }

    [Fact]
    public void DetectionInWindowMiddleScoresSigmoid()
    {
        var score = Score(NabProfile.Standard, 45);

        Assert.Equal(Math.Tanh(1.25) / MaxTruePositive, score.RawScore, 12);
    }

    [Fact]
    public void DetectionAtWindowEndScoresNearZero()
    {
        var score = Score(NabProfile.Standard, 49);

        Assert.Equal(Math.Tanh(0.25) / MaxTruePositive, score.RawScore, 12);
        Assert.InRange(score.RawScore, 0.0, 0.26);
    }

    [Fact]
    public void OnlyEarliestDetectionInWindowCounts()
    {
        var score = Score(NabProfile.Standard, 41, 45, 48);

        Assert.Equal(TruePositive(41), score.RawScore, 12);
        Assert.Equal(0, score.FalsePositiveRows);
    }

    [Fact]
    public void NoDetectionCostsFalseNegativeWeight()
    {
        Assert.Equal(-1.0, Score(NabProfile.Standard).RawScore, 12);
        Assert.Equal(0.0, Score(NabProfile.Standard).NormalizedScore, 12);
        Assert.Equal(-2.0, Score(NabProfile.RewardLowFalseNegatives).RawScore, 12);
    }

    [Fact]
    public void DetectionBeforeAnyWindowCostsFullFalsePositive()
    {
        var score = Score(NabProfile.Standard, 20);

        Assert.Equal(-0.11 - 1.0, score.RawScore, 12);
        Assert.Equal(1, score.FalsePositiveRows);
        Assert.Equal(-0.22 - 1.0, Score(NabProfile.RewardLowFalsePositives, 20).RawScore, 12);
    }

    [Fact]
    public void FalsePositiveRightAfterWindowCostsLittle()
    {
        var score = Score(NabProfile.Standard, 50);

        Assert.Equal(-0.11 * Math.Tanh(2.5 / 9.0) - 1.0, score.RawScore, 12);
    }

    [Fact]
    public void FalsePositiveFarAfterWindowCostsFullWeight()
    {
        Assert.Equal(-0.11 * Math.Tanh(2.5 * 21 / 9.0) - 1.0, Score(NabProfile.Standard, 70).RawScore, 12);
        Assert.Equal(-0.11 - 1.0, Score(NabProfile.Standard, 90).RawScore, 12);
    }

    [Fact]
    public void ProbationDetectionsAreIgnored()
    {
        var score = Score(NabProfile.Standard, 0, 5, 14);

        Assert.Equal(-1.0, score.RawScore, 12);
        Assert.Equal(0, score.FalsePositiveRows);
        Assert.Equal(-0.11 - 1.0, Score(NabProfile.Standard, 15).RawScore, 12);
    }

    [Fact]
    public void WindowInsideProbationIsNotScored()
    {
        var scorer = new NabScorer([NabRowWeights.Create("early", Rows, [(2, 10), (40, 49)])]);
        var detections = new bool[Rows];
        detections[3] = true;

        var score = scorer.ScoreDetections([detections], NabProfile.Standard);

        Assert.Equal(-1.0, scorer.NullScore(NabProfile.Standard));
        Assert.Equal(2.0, scorer.PerfectScore(NabProfile.Standard));
        Assert.Equal(-1.0, score.RawScore, 12);
        Assert.Equal(0, score.DetectedWindows);
    }

    [Fact]
    public void CorpusScoresSumAndNormalise()
    {
        var scorer = new NabScorer(
        [
            NabRowWeights.Create("a", Rows, [(40, 49)]),
            NabRowWeights.Create("b", Rows, [(30, 39), (60, 69)]),
            NabRowWeights.Create("quiet", Rows, []),
        ]);
        var perfect = new[] { new bool[Rows], new bool[Rows], new bool[Rows] };
        perfect[0][40] = true;
        perfect[1][30] = true;
        perfect[1][60] = true;

        var best = scorer.ScoreDetections(perfect, NabProfile.RewardLowFalseNegatives);
        var none = scorer.ScoreDetections([new bool[Rows], new bool[Rows], new bool[Rows]], NabProfile.RewardLowFalseNegatives);

        Assert.Equal(3.0, best.RawScore, 12);
        Assert.Equal(100.0, best.NormalizedScore, 9);
        Assert.Equal(-6.0, none.RawScore, 12);
        Assert.Equal(0.0, none.NormalizedScore, 12);
    }

    [Fact]
    public void ThresholdCountsScoresAtOrAbove()
    {
        var scores = new double[Rows];
        scores[45] = 0.7;
        scores[20] = 0.69;

        var atThreshold = CreateScorer().ScoreAtThreshold([scores], 0.7, NabProfile.Standard);

        Assert.Equal(TruePositive(45), atThreshold.RawScore, 12);
        Assert.Equal(0.7, atThreshold.Threshold);
    }

    [Fact]
    public void MismatchedShapesFail()
    {
        var scorer = CreateScorer();

        Assert.Throws<ArgumentException>(() => scorer.ScoreDetections([new bool[Rows - 1]], NabProfile.Standard));
        Assert.Throws<ArgumentException>(() => scorer.ScoreDetections([new bool[Rows], new bool[Rows]], NabProfile.Standard));
        Assert.Throws<ArgumentException>(() => scorer.FindBestThreshold([Enumerable.Repeat(double.NaN, Rows).ToArray()], NabProfile.Standard));
    }

    [Fact]
    public void OverlappingWindowsFail()
    {
        Assert.Throws<ArgumentException>(() => NabRowWeights.Create("bad", Rows, [(40, 49), (45, 60)]));
        Assert.Throws<ArgumentException>(() => NabRowWeights.Create("bad", Rows, [(90, 100)]));
    }
}
