using GanWatch.Evaluation.Nab;
using GanWatch.Evaluation.Runs;

namespace GanWatch.Evaluation.Tests.Runs;

public sealed class NabGanRunTests
{
    [Fact]
    public void Run_ScoresEveryRowInUnitRange()
    {
        using var folder = new TinyNabFolder();
        var run = NabGanRun.Run(NabCorpus.Load(folder.Path), TinyRunOptions.Nab(), cancellationToken: TestContext.Current.CancellationToken);

        var scores = Assert.Single(run.Series).AnomalyScores;
        Assert.Equal(TinyNabFolder.Rows, scores.Length);
        Assert.All(scores, score => Assert.InRange(score, 0.0, 1.0));
        int probation = NabScoring.ProbationRows(TinyNabFolder.Rows);
        Assert.All(scores.Take(probation), score => Assert.Equal(0.0, score));
        Assert.Equal(3, run.SweptScores.Count);
        Assert.Equal(3, run.OwnThresholdScores.Count);
    }

    [Fact]
    public void Run_SpikeInWindowScoresHighest()
    {
        using var folder = new TinyNabFolder();
        var run = NabGanRun.Run(NabCorpus.Load(folder.Path), TinyRunOptions.Nab(), cancellationToken: TestContext.Current.CancellationToken);

        var scores = run.Series[0].AnomalyScores;
        double inside = scores.Skip(TinyNabFolder.WindowStart).Take(TinyNabFolder.WindowEnd - TinyNabFolder.WindowStart + 1).Max();
        double outside = scores.Where((_, row) => row < TinyNabFolder.WindowStart || row > TinyNabFolder.WindowEnd).Max();
        Assert.True(inside > outside, $"The highest score inside the window is {inside}, but outside it is {outside}.");
        Assert.True(run.SweptScores[0].DetectedWindows == 1, "The sweep's best threshold should detect the only window.");
        Assert.Equal(0, run.SweptScores[0].FalsePositiveRows);
    }

    [Fact]
    public void WriteResults_UsesNabLayout()
    {
        using var folder = new TinyNabFolder();
        using var output = new TempFolder();
        var run = NabGanRun.Run(NabCorpus.Load(folder.Path), TinyRunOptions.Nab(), cancellationToken: TestContext.Current.CancellationToken);

        var path = Assert.Single(NabGanRun.WriteResults(run, output.Path, "ganwatch"));

        Assert.Equal(Path.Combine(output.Path, "ganwatch", "artificialWithAnomaly", "ganwatch_tiny_spike.csv"), path);
        var lines = File.ReadAllLines(path);
        Assert.Equal("timestamp,value,anomaly_score,label", lines[0]);
        Assert.Equal(TinyNabFolder.Rows + 1, lines.Length);
        Assert.EndsWith(",1", lines[TinyNabFolder.SpikeRow + 1], StringComparison.Ordinal);
        Assert.EndsWith(",0", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Run_RejectsWindowLongerThanProbation()
    {
        using var folder = new TinyNabFolder();
        var options = TinyRunOptions.Nab();
        options.WindowLength = 200;

        var error = Assert.Throws<ArgumentException>(() => NabGanRun.Run(NabCorpus.Load(folder.Path), options, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("tiny_spike.csv", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RealSeries_ScoresInUnitRange()
    {
        var folder = SharedData.RequireFolder("nab");
        var corpus = NabCorpus.Load(folder);
        var series = corpus.Series.First(s => s.RelativePath == "realAdExchange/exchange-2_cpc_results.csv");

        var result = NabGanRun.RunSeries(series, TinyRunOptions.Nab(), TorchSharp.torch.CPU, TimeProvider.System, TestContext.Current.CancellationToken);

        Assert.Equal(series.Data.RowCount, result.AnomalyScores.Length);
        Assert.All(result.AnomalyScores, score => Assert.InRange(score, 0.0, 1.0));
        Assert.Contains(result.AnomalyScores, score => score > 0.0);
    }
}
