namespace GanWatch.Engine.FineTuning;

/// <summary>The area under the ROC curve of scores, where a higher score should mean an anomaly.</summary>
public static class RocAuc
{
    /// <summary>
    /// Returns the probability that a random positive scores higher than a random negative, counting ties as one half
    /// (the Mann-Whitney U statistic over the product of the counts). Sorts once, so it takes O(n log n).
    /// </summary>
    /// <returns>A value in [0, 1]; NaN when either list is empty or a score is NaN.</returns>
    public static double Compute(IReadOnlyList<double> negatives, IReadOnlyList<double> positives)
    {
        ArgumentNullException.ThrowIfNull(negatives);
        ArgumentNullException.ThrowIfNull(positives);
        if (negatives.Count == 0 || positives.Count == 0 || negatives.Any(double.IsNaN) || positives.Any(double.IsNaN))
        {
            return double.NaN;
        }

        var all = negatives.Select(score => (Score: score, Positive: false))
            .Concat(positives.Select(score => (Score: score, Positive: true)))
            .OrderBy(item => item.Score)
            .ToArray();

        // Tied scores share the mean of the ranks they span (1-based).
        double positiveRankSum = 0;
        for (int start = 0; start < all.Length;)
        {
            int end = start;
            while (end + 1 < all.Length && all[end + 1].Score == all[start].Score)
            {
                end++;
            }

            double meanRank = ((start + 1) + (end + 1)) / 2.0;
            for (int i = start; i <= end; i++)
            {
                if (all[i].Positive)
                {
                    positiveRankSum += meanRank;
                }
            }

            start = end + 1;
        }

        double positiveCount = positives.Count;
        double u = positiveRankSum - (positiveCount * (positiveCount + 1) / 2);
        return u / (positiveCount * negatives.Count);
    }
}
