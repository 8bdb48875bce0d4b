using GanWatch.Evaluation.Nab;

namespace GanWatch.Evaluation.Tests.Nab;

public sealed class NabThresholdSweepTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void SweepMatchesBruteForce(int seed)
    {
        var random = new Random(seed);
        var series = new List<NabRowWeights>();
        var scores = new List<double[]>();
        for (var index = 0; index < 4; index++)
        {
            var rows = random.Next(60, 200);
            var start = random.Next(rows / 5, rows / 2);
            var windows = new List<(int, int)> { (start, start + random.Next(3, 15)) };
            if (index % 2 == 0)
            {
                windows.Add((start + 30, start + 30 + random.Next(2, 10)));
            }

            series.Add(NabRowWeights.Create($"s{index}", rows, windows));

            // Two decimals make ties, which the sweep has to handle as one threshold.
            var values = new double[rows];
            for (var row = 0; row < rows; row++)
            {
                var inWindow = windows.Any(window => row >= window.Item1 && row <= window.Item2);
                values[row] = Math.Round(Math.Min(1.0, random.NextDouble() * 0.8 + (inWindow ? 0.25 : 0.0)), 2);
            }

            scores.Add(values);
        }

        var scorer = new NabScorer(series);
        foreach (var profile in NabProfile.All)
        {
            var swept = scorer.FindBestThreshold(scores, profile);

            var candidates = scores.SelectMany(values => values).Distinct().Append(1.1);
            var bruteForce = candidates
                .Select(threshold => scorer.ScoreAtThreshold(scores, threshold, profile))
                .OrderByDescending(score => score.RawScore)
                .ThenByDescending(score => score.Threshold)
                .First();
            var atSweptThreshold = scorer.ScoreAtThreshold(scores, swept.Threshold!.Value, profile);

            Assert.Equal(bruteForce.RawScore, swept.RawScore, 9);
            Assert.Equal(atSweptThreshold.RawScore, swept.RawScore, 9);
            Assert.Equal(atSweptThreshold.DetectedWindows, swept.DetectedWindows);
            Assert.Equal(atSweptThreshold.FalsePositiveRows, swept.FalsePositiveRows);
        }
    }

    [Fact]
    public void SweepFindsSeparatingThreshold()
    {
        var scorer = new NabScorer([NabRowWeights.Create("clean", 100, [(40, 49)])]);
        var scores = new double[100];
        Array.Fill(scores, 0.1);
        scores[45] = 0.9;
        scores[40] = 0.8;

        var best = scorer.FindBestThreshold([scores], NabProfile.Standard);

        Assert.Equal(0.8, best.Threshold);
        Assert.Equal(100.0, best.NormalizedScore, 9);
    }

    [Fact]
    public void SweepPrefersSilenceOverFalsePositives()
    {
        var scorer = new NabScorer([NabRowWeights.Create("quiet", 100, [])]);
        var scores = Enumerable.Range(0, 100).Select(row => row / 100.0).ToArray();

        var best = scorer.FindBestThreshold([scores], NabProfile.Standard);

        Assert.Equal(0.0, best.RawScore);
        Assert.Equal(0, best.FalsePositiveRows);
        Assert.True(best.Threshold > 0.99);
    }
}
