namespace GanWatch.Evaluation.Runs;

/// <summary>The best point-wise F1 over every threshold on a score series; it uses the labels, so it is an upper bound for comparison.</summary>
public static class BestF1
{
    /// <summary>
    /// Returns the highest F1 of "score at least the threshold" over every distinct score, and that threshold.
    /// Returns (0, +infinity) when no row is labelled. Runs in O(n log n).
    /// </summary>
    /// <exception cref="ArgumentException">The arrays differ in length, or a score is NaN.</exception>
    public static (double F1, double Threshold) Compute(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(labels);
        if (scores.Count != labels.Count)
        {
            throw new ArgumentException($"There are {scores.Count} scores but {labels.Count} labels; pass one label per score.", nameof(labels));
        }

        if (scores.Any(double.IsNaN))
        {
            throw new ArgumentException("A score is NaN; every score must be a number.", nameof(scores));
        }

        int positives = labels.Count(label => label);
        if (positives == 0)
        {
            return (0.0, double.PositiveInfinity);
        }

        var order = Enumerable.Range(0, scores.Count).OrderByDescending(index => scores[index]).ToArray();
        double best = 0.0;
        double bestThreshold = double.PositiveInfinity;
        int truePositives = 0;
        int flagged = 0;
        for (int i = 0; i < order.Length; i++)
        {
            flagged++;
            if (labels[order[i]])
            {
                truePositives++;
            }

            // Rows with equal scores are flagged together, so only the last of a tie is a valid cut.
            if (i + 1 < order.Length && scores[order[i + 1]] == scores[order[i]])
            {
                continue;
            }

            double f1 = 2.0 * truePositives / (flagged + positives);
            if (f1 > best)
            {
                best = f1;
                bestThreshold = scores[order[i]];
            }
        }

        return (best, bestThreshold);
    }
}
