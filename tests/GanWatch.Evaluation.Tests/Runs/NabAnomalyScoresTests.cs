using GanWatch.Evaluation.Runs;

namespace GanWatch.Evaluation.Tests.Runs;

public sealed class NabAnomalyScoresTests
{
    [Fact]
    public void Refractory_ZeroesLowerScoresAfterDetection()
    {
        double[] scores = [0.1, 0.6, 0.55, 0.7, 0.2, 0.1, 0.58];

        NabAnomalyScores.ApplyRefractoryPeriod(scores, rows: 3, level: 0.5);

        // Row 2 is lower than the detection at row 1; row 3 is higher, so it stays and restarts the period.
        Assert.Equal([0.1, 0.6, 0.0, 0.7, 0.0, 0.0, 0.0], scores);
    }

    [Fact]
    public void Refractory_KeepsScoresAfterPeriodEnds()
    {
        double[] scores = [0.9, 0.1, 0.1, 0.6];

        NabAnomalyScores.ApplyRefractoryPeriod(scores, rows: 2, level: 0.5);

        Assert.Equal([0.9, 0.0, 0.0, 0.6], scores);
    }

    [Fact]
    public void Compute_RejectsMismatchedLengths()
    {
        var error = Assert.Throws<ArgumentException>(() => NabAnomalyScores.Compute(new double[10], new double[9], new NabGanRunOptions()));

        Assert.Contains("10 values but 9 raw scores", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_ZScoreCatchesStepTheRawScoresMiss()
    {
        var values = new double[2000];
        for (int row = 0; row < values.Length; row++)
        {
            values[row] = Math.Sin(row / 5.0) + (row >= 1500 ? 20.0 : 0.0);
        }

        var flatRaw = Enumerable.Repeat(1.0, values.Length).ToArray();
        var withoutZ = NabAnomalyScores.Compute(values, flatRaw, new NabGanRunOptions { ZScoreWindow = 0, SpatialTolerance = 0 });
        var withZ = NabAnomalyScores.Compute(values, flatRaw, new NabGanRunOptions { ZScoreWindow = 400, SpatialTolerance = 0 });

        Assert.True(withoutZ.Max() < 0.1, $"A constant raw score should never look anomalous, but the maximum is {withoutZ.Max()}.");
        Assert.True(withZ.Skip(1500).Take(10).Max() >= 0.5, "The z-score likelihood should reach the red zone at the step.");
    }

    [Fact]
    public void Compute_RangeCheckScoresNewExtremes()
    {
        var values = new double[1000];
        for (int row = 0; row < values.Length; row++)
        {
            values[row] = row % 10;
        }

        values[800] = 9.4;
        values[900] = 9.9;
        var flatRaw = new double[values.Length];
        var scores = NabAnomalyScores.Compute(values, flatRaw, new NabGanRunOptions { SpatialTolerance = 0.05 });

        // Before row 800 the range is [0, 9] with a margin of 0.45, so 9.4 stays inside. It widens the range to
        // [0, 9.4] with a margin of 0.47, so 9.9 at row 900 leaves it.
        Assert.True(scores[800] < 0.5, $"Row 800 is inside the margin but scored {scores[800]}.");
        Assert.Equal(1.0, scores[900]);
    }

    [Fact]
    public void Options_ValidateListsEveryProblem()
    {
        var options = new NabGanRunOptions { WindowLength = 4, Steps = 0, ZScoreWindow = 1, OwnThreshold = 0, FineTuneRows = 2 };

        var problems = options.Validate();

        Assert.Equal(5, problems.Count);
        Assert.Contains(problems, problem => problem.StartsWith("WindowLength is 4", StringComparison.Ordinal));
        Assert.Contains(problems, problem => problem.StartsWith("OwnThreshold is 0", StringComparison.Ordinal));
        Assert.Empty(new NabGanRunOptions().Validate());
    }
}
