using GanWatch.Engine.Data;
using GanWatch.Engine.Scoring;
using GanWatch.Engine.Tests.Support;

namespace GanWatch.Engine.Tests.Scoring;

public class InversionScoringTests(TrainedModels models)
{
    private const int Length = TrainedModels.WindowLength;

    [Theory]
    [InlineData(0, InversionStart.Encoder, 0.05)]
    [InlineData(5, InversionStart.Encoder, 0.05)]
    [InlineData(100, InversionStart.Random, 0.1)]
    public void Score_SeparatesSpikedFromCleanWindows(int steps, InversionStart start, double learningRate)
    {
        var clean = SineData.Windows(windows: 100, channels: 1, Length, stride: 3, seed: 77);
        var random = new Random(5);
        var spiked = SineData.WithSpikes(clean, height: 3f, channelOf: _ => 0, stepOf: _ => random.Next(Length));
        var options = new ScoringOptions { InversionSteps = steps, Start = start, InversionLearningRate = learningRate };

        var cleanScores = models.SingleChannel.Score(clean, options).Select(s => s.Score).ToArray();
        var spikedScores = models.SingleChannel.Score(spiked, options).Select(s => s.Score).ToArray();

        double auc = SineData.Auc(cleanScores, spikedScores);
        Assert.True(spikedScores.Average() > 1.5 * cleanScores.Average(), $"Mean spiked score {spikedScores.Average():F3}, clean {cleanScores.Average():F3}.");
        Assert.True(auc > 0.9, $"AUC is {auc:F3}; expected above 0.9.");
    }

    [Fact]
    public void ChannelResiduals_PointAtSpikedChannel()
    {
        var clean = SineData.Windows(windows: 90, channels: 3, Length, stride: 3, seed: 78);
        var random = new Random(6);
        var spiked = SineData.WithSpikes(clean, height: 4f, channelOf: i => i % 3, stepOf: _ => random.Next(Length));

        var scores = models.ThreeChannels.Score(spiked);

        int hits = Enumerable.Range(0, scores.Length).Count(i => ArgMax(scores[i].ChannelResiduals) == i % 3);
        Assert.True(hits >= 0.9 * scores.Length, $"The largest channel residual named the spiked channel in {hits} of {scores.Length} windows.");
        Assert.All(scores, s => Assert.Equal(3, s.ChannelResiduals.Length));
    }

    [Fact]
    public void LastPointResiduals_PointAtSpikedChannel()
    {
        var clean = SineData.Windows(windows: 60, channels: 3, Length, stride: 3, seed: 79);
        var spiked = SineData.WithSpikes(clean, height: 4f, channelOf: i => i % 3, stepOf: _ => Length - 1);

        var scores = models.ThreeChannels.Score(spiked);

        int hits = Enumerable.Range(0, scores.Length).Count(i => ArgMax(scores[i].LastPointResiduals) == i % 3);
        Assert.True(hits >= 0.9 * scores.Length, $"The largest last-point residual named the spiked channel in {hits} of {scores.Length} windows.");
    }

    [Fact]
    public void Score_CombinesResidualAndFeatureDistance()
    {
        var windows = SineData.Windows(windows: 10, channels: 3, Length, stride: 5, seed: 80);
        var options = new ScoringOptions { InversionSteps = 2, FeatureWeight = 0.3 };

        var scores = models.ThreeChannels.Score(windows, options);

        Assert.Equal(10, scores.Length);
        foreach (var score in scores)
        {
            Assert.Equal((0.7 * score.Residual) + (0.3 * score.FeatureDistance), score.Score, 4);
            Assert.Equal(score.ChannelResiduals.Average(), score.Residual, 4);
        }
    }

    [Fact]
    public void Score_SplitsLargeBatchesWithoutChangingResults()
    {
        var windows = SineData.Windows(windows: 50, channels: 1, Length, stride: 2, seed: 81);

        var whole = models.SingleChannel.Score(windows, new ScoringOptions { InversionSteps = 3 });
        var split = models.SingleChannel.Score(windows, new ScoringOptions { InversionSteps = 3, MaxBatchSize = 7 });

        Assert.Equal(whole.Select(s => s.Score), split.Select(s => s.Score), (a, b) => Math.Abs(a - b) < 1e-5);
    }

    [Fact]
    public void Score_RejectsWrongWindowShape()
    {
        var windows = new WindowBatch(new float[2 * 16], 1, 2, 16);

        var error = Assert.Throws<ArgumentException>(() => models.SingleChannel.Score(windows));

        Assert.Contains("2 channels x 16 steps", error.Message);
    }

    [Fact]
    public void Score_EmptyBatchGivesNoScores()
    {
        Assert.Empty(models.SingleChannel.Score(new WindowBatch([], 0, 1, Length)));
    }

    [Fact]
    public void ScoringOptions_ValidateListsEveryProblem()
    {
        var options = new ScoringOptions { InversionSteps = -1, InversionLearningRate = 0, FeatureWeight = 1.5, MaxBatchSize = 0 };

        Assert.Equal(4, options.Validate().Count);
        Assert.Single(new ScoringOptions { Start = InversionStart.Random, InversionSteps = 0 }.Validate());
        Assert.Empty(new ScoringOptions().Validate());
    }

    private static int ArgMax(float[] values) => Array.IndexOf(values, values.Max());
}
