namespace GanWatch.Engine.Thresholds;

/// <summary>Empirical quantiles with linear interpolation between order statistics (Hyndman and Fan type 7, as in numpy and R defaults).</summary>
internal static class EmpiricalQuantile
{
    /// <summary>Returns the <paramref name="probability"/> quantile of <paramref name="sorted"/>, which must be in ascending order and non-empty.</summary>
    public static double OfSorted(IReadOnlyList<double> sorted, double probability)
    {
        double position = probability * (sorted.Count - 1);
        int lower = (int)Math.Floor(position);
        int upper = Math.Min(lower + 1, sorted.Count - 1);
        double fraction = position - lower;
        return sorted[lower] + (fraction * (sorted[upper] - sorted[lower]));
    }

    /// <summary>Returns a sorted copy of <paramref name="scores"/>, after checking that they are finite and not empty.</summary>
    /// <exception cref="ArgumentException">The list is empty or contains NaN or an infinity.</exception>
    public static double[] SortedCopy(IReadOnlyList<double> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        if (scores.Count == 0)
        {
            throw new ArgumentException("Cannot calibrate a threshold from zero scores; score some normal windows first.", nameof(scores));
        }

        var sorted = scores.ToArray();
        int bad = Array.FindIndex(sorted, s => !double.IsFinite(s));
        if (bad >= 0)
        {
            throw new ArgumentException($"Calibration score {bad} is {sorted[bad]}; every score must be finite.", nameof(scores));
        }

        Array.Sort(sorted);
        return sorted;
    }
}
