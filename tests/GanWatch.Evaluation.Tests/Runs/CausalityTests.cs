using GanWatch.Evaluation.Nab;
using GanWatch.Evaluation.Runs;

namespace GanWatch.Evaluation.Tests.Runs;

public sealed class CausalityTests
{
    private const int ChangedFrom = 600;

    [Theory]
    [InlineData(0)]
    [InlineData(150)]
    public void Scores_IgnoreRowsAfterT(int fineTuneInterval)
    {
        var options = TinyRunOptions.Nab();
        options.FineTuneInterval = fineTuneInterval;
        options.FineTuneRows = 100;
        options.FineTuneSteps = 5;
        options.ZScoreWindow = 100;
        options.RefractoryRows = 20;
        options.SpatialTolerance = 0.05;
        var original = TinyNabFolder.Values();
        var changed = (double[])original.Clone();
        for (int row = ChangedFrom; row < changed.Length; row++)
        {
            changed[row] = (row % 7) - 3.0;
        }

        var (rawA, scoresA) = Score(original, options);
        var (rawB, scoresB) = Score(changed, options);

        for (int row = 0; row < ChangedFrom; row++)
        {
            Assert.Equal(rawA.Window[row], rawB.Window[row]);
            Assert.Equal(rawA.LastPoint[row], rawB.LastPoint[row]);
            Assert.Equal(scoresA[row], scoresB[row]);
        }

        Assert.NotEqual(rawA.Window[ChangedFrom + 20], rawB.Window[ChangedFrom + 20]);
        if (fineTuneInterval > 0)
        {
            Assert.True(rawA.FineTuneRuns >= 5, $"Expected fine-tuning every {fineTuneInterval} rows after probation, but it ran {rawA.FineTuneRuns} times.");

            // Causality across swaps is only tested when the gate let candidates through before the change.
            Assert.True(rawA.FineTuneAccepted >= 2, $"Only {rawA.FineTuneAccepted} of {rawA.FineTuneRuns} fine-tuning runs were accepted ({rawA.FineTuneRejected} rejected).");
        }
    }

    private static (GanRowScores Raw, double[] Scores) Score(double[] values, NabGanRunOptions options)
    {
        int probation = NabScoring.ProbationRows(values.Length);
        var raw = CausalGanScorer.Score(values, probation, options, TorchSharp.torch.CPU, TestContext.Current.CancellationToken);
        return (raw, NabAnomalyScores.Compute(values, raw.Select(GanScoreSignal.Sum), options));
    }
}
