using GanWatch.Engine.FineTuning;
using GanWatch.Engine.Tests.Support;

namespace GanWatch.Engine.Tests.FineTuning;

public class PoisoningTests(TrainedModels models)
{
    private const int Length = TrainedModels.WindowLength;
    private const int Rows = 2000;
    private const int FirstSpike = 300;

    [Fact]
    public void SpacedSpikes_NeverEnterBuffer()
    {
        using var loop = Stream(spikeEvery: 200);

        Assert.True(loop.Runs.Count >= 3, $"Expected at least 3 fine-tuning runs: {loop.Describe()}");

        // The series stays within 1.05 of zero; a buffered window with a spike of 3 would exceed 2.
        var spiky = loop.Runs.Where(run => run.MaxBufferedValue > 2f).ToList();
        Assert.True(spiky.Count == 0, $"Spikes were buffered before {spiky.Count} runs: {loop.Describe()}");
        AssertStillFlagsSpikes(loop);
    }

    [Fact]
    public void SpikesInEveryWindow_AreRejectedByGate()
    {
        // Two spikes in every window make the series anomalous long enough for shift admission, so the buffer fills with
        // spiky windows and only the validation gate keeps them from the live model.
        using var loop = Stream(spikeEvery: 16);

        var spiky = loop.Runs.Where(run => run.MaxBufferedValue > 2f).ToList();
        Assert.True(spiky.Count >= 3, $"Fewer than 3 runs trained on spiky windows, so the test no longer reaches the gate: {loop.Describe()}");
        Assert.All(spiky, run => Assert.Equal(FineTuneOutcome.Rejected, run.Outcome));
        AssertStillFlagsSpikes(loop);
    }

    private static void AssertStillFlagsSpikes(FineTuneLoop loop)
    {
        var probe = SineData.Windows(windows: 100, channels: 1, Length, stride: 3, seed: 221);
        var random = new Random(8);
        var spiked = SineData.WithSpikes(probe, height: 3f, channelOf: _ => 0, stepOf: _ => random.Next(Length));
        double threshold = loop.Live.ThresholdState.Value;

        int flagged = loop.Live.Score(spiked).Count(score => score.Score > threshold);

        Assert.True(flagged >= 95, $"The final model flags only {flagged} of 100 spiked windows: {loop.Describe()}");
    }

    private FineTuneLoop Stream(int spikeEvery)
    {
        var rows = SineData.Series(Rows, channels: 1, seed: 220);
        for (int row = FirstSpike; row < Rows; row += spikeEvery)
        {
            rows[row] += 3f;
        }

        using var live = FineTuneLoop.CalibratedCopy(models.SingleChannel);
        var loop = new FineTuneLoop(live, Options(), runEvery: 150);
        loop.Stream(rows, TestContext.Current.CancellationToken);
        return loop;
    }

    private static FineTuneOptions Options() => new()
    {
        BufferCapacity = 1024,
        MinWindows = 128,
        ShiftAdmissionWindows = 96,
        Training = TrainedModels.ShortTraining(steps: 60, encoderSteps: 60),
        Seed = 5,
    };
}
