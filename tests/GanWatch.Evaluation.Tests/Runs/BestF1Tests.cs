using GanWatch.Evaluation.Runs;

namespace GanWatch.Evaluation.Tests.Runs;

public sealed class BestF1Tests
{
    [Fact]
    public void Compute_FindsBestCut()
    {
        // At threshold 0.8 two of three flagged rows are true and one positive is missed: P = R = 2/3, F1 = 2/3.
        // At 0.9 one row is flagged and true: F1 = 2 * 1 / (1 + 3) = 0.5. At 0.1 all six are flagged: F1 = 6/9.
        double[] scores = [0.9, 0.8, 0.85, 0.1, 0.2, 0.3];
        bool[] labels = [true, true, false, true, false, false];

        var (f1, threshold) = BestF1.Compute(scores, labels);

        Assert.Equal(2.0 / 3.0, f1, 12);
        Assert.Equal(0.8, threshold);
    }

    [Fact]
    public void Compute_TreatsTiesAsOneCut()
    {
        double[] scores = [0.5, 0.5, 0.1];
        bool[] labels = [true, false, false];

        var (f1, _) = BestF1.Compute(scores, labels);

        // Both 0.5 rows are flagged together: P = 1/2, R = 1, F1 = 2/3.
        Assert.Equal(2.0 / 3.0, f1, 12);
    }

    [Fact]
    public void Compute_NoPositivesGivesZero()
    {
        var (f1, threshold) = BestF1.Compute([0.2, 0.4], [false, false]);

        Assert.Equal(0.0, f1);
        Assert.Equal(double.PositiveInfinity, threshold);
    }
}
