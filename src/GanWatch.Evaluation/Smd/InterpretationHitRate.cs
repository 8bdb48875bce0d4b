namespace GanWatch.Evaluation.Smd;

/// <summary>
/// HitRate@P%, the interpretation metric of OmniAnomaly (Su et al., KDD 2019) for channel rankings.
/// </summary>
/// <remarks>
/// For each row inside a segment with interpretation labels, with G the set of faulty channels, the channels are
/// ranked by score (highest first, ties by lower index) and the hit is the share of G among the top
/// floor(P / 100 * |G|) channels. The result is the mean hit over all such rows. Segments without channels are skipped.
/// </remarks>
public static class InterpretationHitRate
{
    /// <summary>Computes HitRate@P%.</summary>
    /// <param name="segments">The interpretation labels.</param>
    /// <param name="channelScores">Per test row, one score per channel; higher means more at fault.</param>
    /// <param name="percent">P, for example 100 or 150.</param>
    /// <returns>The mean hit in [0, 1], or NaN when no segment has rows.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="percent"/> is not positive.</exception>
    /// <exception cref="ArgumentException">A segment lies beyond the score rows, or names a channel that the scores lack.</exception>
    public static double Compute(IReadOnlyList<SmdAnomalySegment> segments, IReadOnlyList<float[]> channelScores, double percent)
    {
        ArgumentNullException.ThrowIfNull(segments);
        ArgumentNullException.ThrowIfNull(channelScores);
        if (!(percent > 0.0))
        {
            throw new ArgumentOutOfRangeException(nameof(percent), percent, "The percentage must be positive, for example 100 or 150.");
        }

        double hitSum = 0.0;
        var rows = 0;
        foreach (var segment in segments)
        {
            if (segment.EndRow > channelScores.Count)
            {
                throw new ArgumentException($"Segment {segment.StartRow}-{segment.EndRow} reaches beyond the {channelScores.Count} score rows.", nameof(segments));
            }

            var truth = segment.Channels.ToHashSet();
            if (truth.Count == 0)
            {
                continue;
            }

            var take = (int)Math.Floor(percent / 100.0 * truth.Count);
            for (var row = segment.StartRow; row < segment.EndRow; row++)
            {
                var scores = channelScores[row];
                if (segment.Channels.Any(channel => channel >= scores.Length))
                {
                    throw new ArgumentException($"Row {row} has {scores.Length} channel scores but segment {segment.StartRow}-{segment.EndRow} names channel {segment.Channels.Max() + 1}.", nameof(channelScores));
                }

                var top = Enumerable.Range(0, scores.Length)
                    .OrderByDescending(channel => scores[channel])
                    .ThenBy(channel => channel)
                    .Take(take);
                hitSum += top.Count(truth.Contains) / (double)truth.Count;
                rows++;
            }
        }

        return rows == 0 ? double.NaN : hitSum / rows;
    }
}
