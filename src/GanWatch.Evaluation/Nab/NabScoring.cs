namespace GanWatch.Evaluation.Nab;

/// <summary>The scoring functions of NAB's sweeper (numenta/NAB <c>nab/scorer.py</c> and <c>nab/sweeper.py</c>, version 1.1).</summary>
public static class NabScoring
{
    /// <summary>NAB's default probation fraction: 0.15 of the rows.</summary>
    public const double DefaultProbationFraction = 0.15;

    /// <summary>
    /// Returns NAB's scaled sigmoid <c>2 / (1 + exp(5x)) - 1</c>, or -1 when <paramref name="relativePosition"/> is above 3.
    /// Inside a window the position runs from -1 at the first row to about 0 at the last row, giving about 0.987 down
    /// to 0. After a window it is the distance from the window's last row in window widths, giving values from 0 down to -1.
    /// </summary>
    public static double ScaledSigmoid(double relativePosition)
    {
        if (relativePosition > 3.0)
        {
            return -1.0;
        }

        return (2.0 / (1.0 + Math.Exp(5.0 * relativePosition))) - 1.0;
    }

    /// <summary>
    /// Returns the number of leading rows that NAB does not score: <c>min(floor(fraction * rowCount), fraction * 5000)</c>,
    /// which is <c>min(floor(0.15 n), 750)</c> at the default fraction.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative row count, or a fraction outside [0, 1].</exception>
    public static int ProbationRows(int rowCount, double probationFraction = DefaultProbationFraction)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rowCount);
        if (probationFraction is < 0.0 or > 1.0 || double.IsNaN(probationFraction))
        {
            throw new ArgumentOutOfRangeException(nameof(probationFraction), probationFraction, "The probation fraction must lie in [0, 1].");
        }

        var rows = Math.Min(Math.Floor(probationFraction * rowCount), probationFraction * 5000.0);
        return (int)Math.Ceiling(rows);
    }
}
