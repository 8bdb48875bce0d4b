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
        Assert.Contains("20 buffered windows", result.Reason);
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

    [Fact]
    public void Split_NeverTrainsOnCalibrationOnly()
    {
        // Every value of window i is i, so the parts can be traced back.
        var windows = new WindowBatch(Enumerable.Range(0, 200).SelectMany(i => Enumerable.Repeat((float)i, Length)).ToArray(), 200, 1, Length);
        var flags = Enumerable.Range(0, 200).Select(i => i % 4 == 0).ToArray();

        var (training, heldOut) = FineTuner.Split(windows, flags, heldOutFraction: 0.25, seed: 4);
        var trainingIds = Enumerable.Range(0, training.Count).Select(i => (int)training[i, 0, 0]).ToArray();
        var heldOutIds = Enumerable.Range(0, heldOut.Count).Select(i => (int)heldOut[i, 0, 0]).ToArray();

        Assert.Equal(50, heldOut.Count);
        Assert.Contains(heldOutIds, id => flags[id]);
        Assert.DoesNotContain(trainingIds, id => flags[id]);
        Assert.Empty(trainingIds.Intersect(heldOutIds));
        Assert.Equal(Enumerable.Range(0, 200).Where(id => !flags[id]), trainingIds.Concat(heldOutIds.Where(id => !flags[id])).Order());
        Assert.Equal(trainingIds.Order(), trainingIds);
    }

    [Fact]
    public void Run_SkipsWhenMostWindowsAreCalibrationOnly()
    {
        var windows = SineData.Windows(windows: 200, channels: 1, Length, stride: 2, seed: 204);
        var flags = Enumerable.Range(0, 200).Select(i => i % 4 != 0).ToArray();
        var recent = new BufferSnapshot(windows, From, From.AddSeconds(199), flags);

        using var result = FineTuner.Run(models.SingleChannel, recent, Options(), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(FineTuneOutcome.Skipped, result.Outcome);
        Assert.Contains("50 buffered windows scored below the admission margin", result.Reason);
    }

    [Fact]
    public void Gate_RejectsScrambledWeights()
    {
        var live = models.SingleChannel;
        var heldOut = SineData.Windows(windows: 80, channels: 1, Length, stride: 3, seed: 205);
        using var candidate = live.Clone();
        var random = new Random(9);
        using (torch.no_grad())
        {
            foreach (var parameter in candidate.Networks.Generator.parameters())
            {
                parameter.add_(torch.randn(parameter.shape, generator: new torch.Generator((ulong)random.Next())) * 0.5);
            }
        }

        var (accepted, reason, report) = FineTuner.Judge(live, candidate, heldOut, Options());

        Assert.False(accepted);
        Assert.StartsWith("Rejected because its held-out scores rose too much", reason);
        Assert.True(report.ScoreRise > 0.10, $"The score rise was {report.ScoreRise:P1}.");
        Assert.Contains(report.LiveHeldOutScore.ToString("G4", System.Globalization.CultureInfo.InvariantCulture), reason);
    }

    [Fact]
    public void Gate_RejectsNoiseTrainedCandidate()
    {
        var live = models.SingleChannel;
        var probe = SineData.Windows(windows: 40, channels: 1, Length, stride: 3, seed: 206);
        var before = live.Score(probe).Select(s => s.Score).ToArray();
        var heldOut = SineData.Windows(windows: 80, channels: 1, Length, stride: 3, seed: 207);
        var random = new Random(10);
        var noise = new WindowBatch(Enumerable.Range(0, 300 * Length).Select(_ => (float)((random.NextDouble() * 4) - 2)).ToArray(), 300, 1, Length);
        using var candidate = live.Clone();
        candidate.FineTune(noise, TrainedModels.ShortTraining(steps: 60, encoderSteps: 60), cancellationToken: TestContext.Current.CancellationToken);

        var (accepted, reason, report) = FineTuner.Judge(live, candidate, heldOut, Options());

        TestContext.Current.TestOutputHelper?.WriteLine(reason);
        Assert.False(accepted);
        Assert.StartsWith("Rejected because", reason);
        Assert.Contains("AUC on 128 reference anomalies", reason);
        Assert.True(report.CandidateAuc < report.LiveAuc - 0.02 || report.ScoreRise > 0.10, reason);
        Assert.Equal(before, live.Score(probe).Select(s => s.Score));
    }

    [Fact]
    public void Run_ReleasesEveryTensor()
    {
        var live = models.SingleChannel;
        var recent = Snapshot(SineData.Windows(windows: 120, channels: 1, Length, stride: 2, seed: 208));
        var options = Options();
        options.Training = TrainedModels.ShortTraining(steps: 3, encoderSteps: 3);
        using (FineTuner.Run(live, recent, options, cancellationToken: TestContext.Current.CancellationToken))
        {
        }

        long cloneResidue = CloneResidue(live);
        long before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        for (int i = 0; i < 3; i++)
        {
            using var result = FineTuner.Run(live, recent, options, cancellationToken: TestContext.Current.CancellationToken);
        }

        // Each run clones the live model twice, for the candidate and for the live scores.
        Assert.Equal(before + (3 * 2 * cloneResidue), DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    [Fact]
    public void TakeCandidate_TransfersOwnership()
    {
        var recent = Snapshot(SineData.Windows(windows: 120, channels: 1, Length, stride: 2, seed: 209));
        var options = Options();
        options.Training = TrainedModels.ShortTraining(steps: 3, encoderSteps: 3);
        options.MaxScoreRise = 100;
        options.MaxAucDrop = 1;
        var result = FineTuner.Run(models.SingleChannel, recent, options, cancellationToken: TestContext.Current.CancellationToken);

        using var candidate = result.TakeCandidate();
        result.Dispose();

        Assert.Null(result.Candidate);
        Assert.Throws<InvalidOperationException>(() => result.TakeCandidate());
        Assert.Equal(30, candidate.Score(recent.Windows.Slice(0, 30)).Length);
    }

    [Fact]
    public void Run_CancelledDuringPauseLeavesNothing()
    {
        var live = models.SingleChannel;
        var recent = Snapshot(SineData.Windows(windows: 120, channels: 1, Length, stride: 2, seed: 211));
        var options = Options();
        options.PauseBetweenSteps = TimeSpan.FromMinutes(10);
        options.Training.ProgressInterval = 1;
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var progress = new CancelOnFirstReport(cancellation);
        long cloneResidue = CloneResidue(live);
        long before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        Assert.ThrowsAny<OperationCanceledException>(() => FineTuner.Run(live, recent, options, progress, cancellationToken: cancellation.Token));

        Assert.Equal(1, progress.Reports);
        Assert.Equal(before + (2 * cloneResidue), DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    [Fact]
    public void Run_RejectsWindowsOfOtherShape()
    {
        var recent = Snapshot(SineData.Windows(windows: 100, channels: 2, Length, stride: 2, seed: 212));

        var error = Assert.Throws<ArgumentException>(() => FineTuner.Run(models.SingleChannel, recent, Options(), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("2 channels", error.Message);
        Assert.Contains(models.SingleChannel.ModelVersion, error.Message);
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

    /// <summary>
    /// Returns how many tensors one Clone and Dispose of <paramref name="model"/> leaves counted as live. NOTE: TorchSharp
    /// 0.107 counts a few tensors per built module as live after the module is disposed (9 for these networks), so the
    /// leak tests count the tensors of fine-tuning itself on top of that.
    /// </summary>
    private static long CloneResidue(GanModel model)
    {
        long before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        model.Clone().Dispose();
        return DisposeScopeManager.Statistics.ThreadTotalLiveCount - before;
    }

    /// <summary>Cancels the run at its first progress report, which comes before the first pause.</summary>
    private sealed class CancelOnFirstReport(CancellationTokenSource cancellation) : IProgress<TrainingProgress>
    {
        public int Reports { get; private set; }

        public void Report(TrainingProgress value)
        {
            Reports++;
            cancellation.Cancel();
        }
    }
}
