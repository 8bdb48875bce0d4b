using GanWatch.Evaluation.Kdd99;
using GanWatch.Evaluation.Smd;

namespace GanWatch.Evaluation.Tests.Kdd99;

public sealed class Kdd99GanRunTests
{
    [Fact]
    public void Run_TrainsOnOtherRecordsAndFlagsNormal()
    {
        using var folder = new TempFolder();
        SyntheticKdd99Folder.Write(folder, rows: 2000);
        var data = Kdd99Data.Load(folder.Path);
        var options = new Kdd99GanRunOptions { Seeds = 2, Steps = 150, EncoderSteps = 150, Width = 16, LatentSize = 4, BatchSize = 64, LearningRate = 1e-3 };

        var run = Kdd99GanRun.Run(data, options, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal([1, 2], run.Seeds.Select(s => s.Seed));
        foreach (Kdd99SeedResult seed in run.Seeds)
        {
            var (train, test) = Kdd99Protocol.Split(2000, seed.Seed);
            Assert.Equal(train.Count(i => !data.IsNormal[i]), seed.TrainingRows);
            Assert.Equal(seed.TrainingRows, seed.AvailableTrainingRows);
            Assert.Equal(test.Length, seed.TestRows);
            Assert.Equal(test.Count(i => data.IsNormal[i]), seed.TestNormalRows);
            Assert.Equal(seed.TestNormalRows, seed.Metrics.TruePositives + seed.Metrics.FalseNegatives);
            Assert.Equal(seed.Metrics.FalsePositives, seed.FalsePositivesByLabel.Values.Sum());
            Assert.DoesNotContain("normal.", seed.FalsePositivesByLabel.Keys);
        }

        // normal. records are far from the two attack clusters, so nearly all of the top 20 % are normal.
        Assert.True(run.F1.Mean > 0.8, $"mean F1 is {run.F1.Mean:F3}; expected above 0.8 on separable synthetic records.");
    }

    [Fact]
    public void Run_SubsamplesTrainingRecords()
    {
        using var folder = new TempFolder();
        SyntheticKdd99Folder.Write(folder, rows: 600);
        var data = Kdd99Data.Load(folder.Path);
        var options = new Kdd99GanRunOptions { Seeds = 1, MaxTrainingRows = 100, Steps = 2, EncoderSteps = 2, Width = 8, LatentSize = 2 };

        Kdd99SeedResult seed = Assert.Single(Kdd99GanRun.Run(data, options, cancellationToken: TestContext.Current.CancellationToken).Seeds);

        Assert.Equal(100, seed.TrainingRows);
        Assert.True(seed.AvailableTrainingRows > 200);
    }

    [Fact]
    public void Run_RestartsKeepLowestHeldOutScore()
    {
        using var folder = new TempFolder();
        SyntheticKdd99Folder.Write(folder, rows: 1000);
        var data = Kdd99Data.Load(folder.Path);
        var options = new Kdd99GanRunOptions { Seeds = 1, Restarts = 3, Steps = 60, EncoderSteps = 60, Width = 16, LatentSize = 4, BatchSize = 64, LearningRate = 1e-3 };

        Kdd99SeedResult seed = Assert.Single(Kdd99GanRun.Run(data, options, cancellationToken: TestContext.Current.CancellationToken).Seeds);

        Assert.Equal(3, seed.SelectionScores.Count);
        Assert.All(seed.SelectionScores, score => Assert.True(double.IsFinite(score) && score >= 0, $"held-out score {score} must be finite and non-negative"));
        Assert.Equal(seed.AvailableTrainingRows, seed.TrainingRows);
    }

    [Fact]
    public void Summary_IsMeanAndSampleStandardDeviation()
    {
        var run = new Kdd99RunResult(
        [
            new Kdd99SeedResult(1, 10, 10, 10, 2, new DetectionMetrics(2, 0, 0), TimeSpan.Zero),
            new Kdd99SeedResult(2, 10, 10, 10, 2, new DetectionMetrics(1, 1, 1), TimeSpan.Zero),
        ], TimeSpan.Zero);

        Assert.Equal(0.75, run.F1.Mean, 9);
        Assert.Equal(Math.Sqrt(0.125), run.F1.Std, 9);
        Assert.Equal(0.75, run.Precision.Mean, 9);
    }

    [Fact]
    public void Options_ListEveryProblem()
    {
        var options = new Kdd99GanRunOptions { Seeds = 0, Steps = 0, FeatureWeight = 2, MaxTrainingRows = -1, Restarts = 0 };

        Assert.Equal(5, options.Validate().Count);
    }
}
