using GanWatch.Engine.Data;
using GanWatch.Engine.Scoring;
using GanWatch.Engine.Tests.Support;
using GanWatch.Engine.Thresholds;
using GanWatch.Engine.Training;
using Microsoft.Extensions.Time.Testing;
using TorchSharp;

namespace GanWatch.Engine.Tests;

public class GanModelTests(TrainedModels models)
{
    private const int Length = TrainedModels.WindowLength;

    [Fact]
    public void Train_SameSeedGivesSameModel()
    {
        var windows = SineData.Windows(windows: 80, channels: 2, Length, stride: 2, seed: 30);
        var probe = SineData.Windows(windows: 20, channels: 2, Length, stride: 5, seed: 31);
        var scoring = new ScoringOptions { InversionSteps = 2 };

        using var first = GanModel.Train(windows, TrainedModels.SmallShape(2), TrainedModels.ShortTraining(steps: 15, encoderSteps: 15), torch.CPU, cancellationToken: TestContext.Current.CancellationToken);
        using var second = GanModel.Train(windows, TrainedModels.SmallShape(2), TrainedModels.ShortTraining(steps: 15, encoderSteps: 15), torch.CPU, cancellationToken: TestContext.Current.CancellationToken);
        var otherTraining = TrainedModels.ShortTraining(steps: 15, encoderSteps: 15);
        otherTraining.Seed = 4;
        using var other = GanModel.Train(windows, TrainedModels.SmallShape(2), otherTraining, torch.CPU, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(first.Score(probe, scoring).Select(s => s.Score), second.Score(probe, scoring).Select(s => s.Score));
        Assert.Equal(first.ThresholdState.Value, second.ThresholdState.Value);
        foreach (var (name, tensor) in first.Networks.Generator.state_dict())
        {
            Assert.True(tensor.allclose(second.Networks.Generator.state_dict()[name], rtol: 0, atol: 0), $"Generator tensor {name} differs.");
        }

        Assert.NotEqual(first.Score(probe, scoring).Select(s => s.Score), other.Score(probe, scoring).Select(s => s.Score));
    }

    [Fact]
    public void Train_RecordsTimeDataAndThreshold()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 12, 30, 45, 123, TimeSpan.Zero));
        var windows = SineData.Windows(windows: 40, channels: 1, Length, stride: 2, seed: 32);
        var reports = new List<TrainingProgress>();

        using var model = GanModel.Train(
            windows,
            TrainedModels.SmallShape(1),
            TrainedModels.ShortTraining(steps: 4, encoderSteps: 3),
            torch.CPU,
            new SynchronousProgress<TrainingProgress>(reports),
            timeProvider: clock,
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(clock.GetUtcNow(), model.CreatedAt);
        Assert.Equal("20261201T123045123Z", model.ModelVersion);
        Assert.Equal(40, model.DataSummary.WindowCount);
        Assert.Equal(ThresholdMethod.Spot, model.ThresholdState.Method);
        Assert.Equal(40, model.ThresholdState.ObservationCount);
        Assert.True(model.ThresholdState.Value > 0);
        Assert.Equal(new[] { TrainingPhase.Adversarial, TrainingPhase.Encoder }, reports.Select(r => r.Phase));
    }

    [Fact]
    public void Train_RejectsMismatchedWindows()
    {
        var threeChannels = SineData.Windows(windows: 10, channels: 3, Length, stride: 2, seed: 33);
        var oneWindow = SineData.Windows(windows: 1, channels: 1, Length, stride: 2, seed: 33);

        var shapeError = Assert.Throws<ArgumentException>(() => GanModel.Train(threeChannels, TrainedModels.SmallShape(1), new TrainingOptions(), torch.CPU, cancellationToken: TestContext.Current.CancellationToken));
        var countError = Assert.Throws<ArgumentException>(() => GanModel.Train(oneWindow, TrainedModels.SmallShape(1), new TrainingOptions(), torch.CPU, cancellationToken: TestContext.Current.CancellationToken));
        var optionsError = Assert.Throws<ArgumentException>(
            () => GanModel.Train(threeChannels, TrainedModels.SmallShape(3), new TrainingOptions { BatchSize = 0, Steps = -1 }, torch.CPU, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("3 channels", shapeError.Message);
        Assert.Contains("at least 2 windows", countError.Message);
        Assert.Contains("BatchSize is 0", optionsError.Message);
        Assert.Contains("Steps is -1", optionsError.Message);
    }

    [Fact]
    public void FineTune_ChangesCloneButNotOriginal()
    {
        var original = models.SingleChannel;
        var probe = SineData.Windows(windows: 20, channels: 1, Length, stride: 3, seed: 34);
        var originalScores = original.Score(probe).Select(s => s.Score).ToArray();
        var clock = new FakeTimeProvider(new DateTimeOffset(2027, 1, 2, 3, 4, 5, TimeSpan.Zero));
        using var clone = original.Clone();

        Assert.Equal(originalScores, clone.Score(probe).Select(s => s.Score));

        var shifted = new WindowBatch(probe.Values.Select(v => (2 * v) + 1).ToArray(), probe.Count, 1, Length);
        clone.FineTune(shifted, TrainedModels.ShortTraining(steps: 10, encoderSteps: 10), timeProvider: clock, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(originalScores, original.Score(probe).Select(s => s.Score));
        Assert.NotEqual(originalScores, clone.Score(probe).Select(s => s.Score));
        Assert.Equal(original.Normalizer.Means, clone.Normalizer.Means);
        Assert.Equal("20270102T030405000Z", clone.ModelVersion);
        Assert.Equal(20, clone.DataSummary.WindowCount);
        Assert.Equal(10, clone.TrainingOptions.Steps);
        Assert.Equal(original.ModelVersion, clone.Lineage.ParentVersion);
        Assert.Null(original.Lineage.ParentVersion);
    }

    [Fact]
    public async Task Clone_WhileScoringOnAnotherThread()
    {
        var original = models.SingleChannel;
        var probe = SineData.Windows(windows: 50, channels: 1, Length, stride: 3, seed: 36);
        var expected = original.Score(probe).Select(s => s.Score).ToArray();
        using var stop = new CancellationTokenSource();
        var scorer = Task.Run(
            () =>
            {
                int rounds = 0;
                while (!stop.IsCancellationRequested || rounds == 0)
                {
                    Assert.Equal(expected, original.Score(probe).Select(s => s.Score));
                    rounds++;
                }

                return rounds;
            },
            TestContext.Current.CancellationToken);

        for (int i = 0; i < 20; i++)
        {
            using var clone = original.Clone();
            Assert.Equal(expected, clone.Score(probe).Select(s => s.Score));
        }

        await stop.CancelAsync();
        Assert.True(await scorer > 0);
    }

    [Fact]
    public void Calibrate_SwitchesThresholdMethod()
    {
        using var clone = models.SingleChannel.Clone();
        var heldOut = SineData.Windows(windows: 200, channels: 1, Length, stride: 2, seed: 35);

        clone.Calibrate(heldOut, new ThresholdOptions { Method = ThresholdMethod.Quantile, Quantile = 0.9 });
        var scores = clone.Score(heldOut).Select(s => s.Score).ToArray();

        Assert.Equal(ThresholdMethod.Quantile, clone.ThresholdState.Method);
        Assert.Equal(ThresholdMethod.Quantile, clone.ThresholdOptions.Method);
        Assert.InRange(scores.Count(s => s > clone.ThresholdState.Value), 15, 25);
        Assert.Equal(ThresholdMethod.Spot, models.SingleChannel.ThresholdState.Method);
    }

    [Fact]
    public void CreateThreshold_GivesIndependentInstances()
    {
        var model = models.SingleChannel;
        var first = model.CreateThreshold();
        var second = model.CreateThreshold();

        for (int i = 0; i < 50; i++)
        {
            first.Observe(model.ThresholdState.InitialThreshold + ((model.ThresholdState.Value - model.ThresholdState.InitialThreshold) * 0.9));
        }

        Assert.Equal(model.ThresholdState.Value, second.Value);
        Assert.NotEqual(second.GetState().ExcessCount, first.GetState().ExcessCount);
    }

    [Fact]
    public void Score_AfterDisposeThrows()
    {
        var clone = models.SingleChannel.Clone();
        clone.Dispose();

        Assert.Throws<ObjectDisposedException>(() => clone.Score(new WindowBatch(new float[Length], 1, 1, Length)));
    }
}
