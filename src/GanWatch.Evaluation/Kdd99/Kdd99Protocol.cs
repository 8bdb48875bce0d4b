namespace GanWatch.Evaluation.Kdd99;

/// <summary>
/// The pieces of the KDD99 protocol of the GAN anomaly-detection papers (AnoGAN, BiGAN, ALAD): a seeded random 50/50
/// split of all records, and flagging the highest-scoring share of the test records.
/// </summary>
public static class Kdd99Protocol
{
    /// <summary>The share of test records flagged as anomalous, about the share of <c>normal.</c> records in the file.</summary>
    public const double FlaggedFraction = 0.2;

    /// <summary>
    /// Shuffles the indices 0 to <paramref name="count"/> - 1 with a Fisher-Yates shuffle seeded by <paramref name="seed"/>
    /// and cuts them in half: the first floor(count / 2) are the training half, the rest the test half. Both halves
    /// are returned in ascending order.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is below 2.</exception>
    public static (int[] Train, int[] Test) Split(int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 2);
        var indices = Enumerable.Range(0, count).ToArray();
        var random = new Random(seed);
        for (int i = count - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (indices[i], indices[j]) = (indices[j], indices[i]);
        }

        int half = count / 2;
        int[] train = indices[..half];
        int[] test = indices[half..];
        Array.Sort(train);
        Array.Sort(test);
        return (train, test);
    }

    /// <summary>
    /// Flags every score at or above the (1 - <paramref name="fraction"/>) percentile of <paramref name="scores"/>,
    /// with linear interpolation between order statistics (numpy's default). This is the published papers' rule, so
    /// ties at the cut-off are all flagged and slightly more than the fraction may be flagged.
    /// </summary>
    /// <exception cref="ArgumentException">The scores are empty or contain NaN, or the fraction is not in (0, 1).</exception>
    public static bool[] FlagTop(IReadOnlyList<double> scores, double fraction = FlaggedFraction)
    {
        ArgumentNullException.ThrowIfNull(scores);
        if (scores.Count == 0 || scores.Any(double.IsNaN))
        {
            throw new ArgumentException("Flagging needs at least one score and no NaN scores.", nameof(scores));
        }

        if (!(fraction > 0 && fraction < 1))
        {
            throw new ArgumentException($"The flagged fraction is {fraction}; it must be in (0, 1).", nameof(fraction));
        }

        double cutoff = Percentile(scores, 1 - fraction);
        return scores.Select(score => score >= cutoff).ToArray();
    }

    /// <summary>Returns the <paramref name="quantile"/> of <paramref name="values"/> with linear interpolation between order statistics.</summary>
    internal static double Percentile(IReadOnlyList<double> values, double quantile)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        double position = quantile * (sorted.Length - 1);
        int lower = (int)Math.Floor(position);
        int upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + ((position - lower) * (sorted[upper] - sorted[lower]));
    }
}
