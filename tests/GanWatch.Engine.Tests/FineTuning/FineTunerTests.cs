using GanWatch.Engine.Data;
using GanWatch.Engine.FineTuning;
using GanWatch.Engine.Tests.Support;
using GanWatch.Engine.Training;
using Microsoft.Extensions.Time.Testing;
using TorchSharp;

namespace GanWatch.Engine.Tests.FineTuning;

public class FineTunerTests(TrainedModels models)
{
    private const int Length = TrainedModels.WindowLength;
    private static readonly DateTimeOffset From = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Run_SkipsWhenTooFewWindows()
    {
        var live = models.SingleChannel;
        var recent = Snapshot(SineData.Windows(windows: 20, channels: 1, Length, stride: 2, seed: 200));

        using var result = FineTuner.Run(live, recent, Options(), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(FineTuneOutcome.Skipped, result.Outcome);
        Assert.Null(result.Candidate);
        Assert.Null(result.Validation);
        Assert.Contains("20 windows", result.Reason);
        Assert.Contains("at least 64", result.Reason);
        Assert.True(double.IsNaN(result.WassersteinEstimate));
    }

    [Fact]
    public void Run_AcceptsCandidateOnNormalData()
    {
        var live = models.SingleChannel;
        var recent = Snapshot(SineData.Windows(windows: 300, channels: 1, Length, stride: 2, seed: 201));
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 3, 4, 5, TimeSpan.Zero));
        var reports = new List<TrainingProgress>();

        using var result = FineTuner.Run(live, recent, Options(), new SynchronousProgress<TrainingProgress>(reports), clock, TestContext.Current.CancellationToken);

        TestContext.Current.TestOutputHelper?.WriteLine(result.Reason);
        Assert.Equal(FineTuneOutcome.Accepted, result.Outcome);
        var candidate = Assert.IsType<GanModel>(result.Candidate);
        Assert.Equal("20261202T030405000Z", candidate.ModelVersion);
        Assert.Equal(live.ModelVersion, candidate.Lineage.ParentVersion);
        Assert.Equal(recent.From, candidate.Lineage.DataFrom);
        Assert.Equal(recent.To, candidate.Lineage.DataTo);
        Assert.Same(result.Validation, candidate.Lineage.Validation);
        Assert.Equal(225, result.TrainingWindows);
        Assert.Equal(75, result.HeldOutWindows);
        Assert.Equal(225, candidate.DataSummary.WindowCount);
        Assert.Equal(75, candidate.ThresholdState.ObservationCount);
        Assert.Equal(128, result.Validation!.ReferenceAnomalies);
        Assert.True(double.IsFinite(result.WassersteinEstimate));
        Assert.Equal(reports.Last(r => r.Phase == TrainingPhase.Adversarial).WassersteinEstimate, result.WassersteinEstimate);
        Assert.Contains("Accepted", result.Reason);
    }

    [Fact]
    public void Run_RejectsDivergedCandidate()
    {
        var live = models.SingleChannel;
        var probe = SineData.Windows(windows: 40, channels: 1, Length, stride: 3, seed: 202);
        var before = live.Score(probe).Select(s => s.Score).ToArray();
        var recent = Snapshot(SineData.Windows(windows: 300, channels: 1, Length, stride: 2, seed: 203));
        var options = Options();
        options.Training.LearningRate = 0.5;

        using var result = FineTuner.Run(live, recent, options, cancellationToken: TestContext.Current.CancellationToken);

        TestContext.Current.TestOutputHelper?.WriteLine(result.Reason);
        Assert.Equal(FineTuneOutcome.Rejected, result.Outcome);
        Assert.Null(result.Candidate);
        Assert.Throws<InvalidOperationException>(() => result.TakeCandidate());
        Assert.StartsWith("Rejected because", result.Reason);
        Assert.Contains("mean held-out score", result.Reason);
        Assert.Equal(before, live.Score(probe).Select(s => s.Score));
    }

    private static FineTuneOptions Options() => new()
    {
        BufferCapacity = 512,
        MinWindows = 64,
        Training = TrainedModels.ShortTraining(steps: 40, encoderSteps: 40),
        Seed = 4,
    };

    private static BufferSnapshot Snapshot(WindowBatch windows) =>
        new(windows, From, From.AddSeconds(windows.Count - 1));
}
