namespace GanWatch.Evaluation.Nab;

/// <summary>
/// NAB's corpus-wide threshold sweep with incremental bookkeeping.
/// </summary>
/// <remarks>
/// Scored rows of all series are sorted by anomaly score, highest first. Lowering the threshold past one distinct
/// score turns every row with that score into a detection. A row outside windows adds its (negative) value. A row
/// inside a window raises the window's value to the row's value if that is larger. The total after each distinct
/// score is the raw score at that threshold, which is what NAB's <c>calcScoreByThreshold</c> computes.
/// </remarks>
internal static class NabThresholdSweep
{
    internal readonly record struct Result(double Threshold, double RawScore, int DetectedWindows, int MissedWindows, int FalsePositiveRows);

    internal static Result Run(IReadOnlyList<NabRowWeights> series, IReadOnlyList<double[]> scores, NabProfile profile)
    {
        var rows = new List<(double Score, double Value, int Window)>();
        var windowOffset = 0;
        var scoredWindows = 0;
        for (var index = 0; index < series.Count; index++)
        {
            var weights = series[index];
            for (var row = weights.FirstScoredRow; row < weights.RowCount; row++)
            {
                var window = weights.WindowOf(row);
                rows.Add((scores[index][row], weights.DetectionValue(row, profile), window < 0 ? -1 : windowOffset + window));
            }

            windowOffset += weights.WindowCount;
            scoredWindows += weights.ScoredWindowCount;
        }

        rows.Sort((left, right) => right.Score.CompareTo(left.Score));

        var windowValue = new double[windowOffset];
        Array.Fill(windowValue, -profile.FalseNegativeWeight);
        var windowDetected = new bool[windowOffset];
        var total = -profile.FalseNegativeWeight * scoredWindows;
        int detectedWindows = 0, falsePositiveRows = 0;

        // NAB starts its sweep at 1.1, above every score in [0, 1]; larger scores move the start above them.
        var aboveEveryScore = rows.Count == 0 ? 1.1 : Math.Max(1.1, Math.BitIncrement(rows[0].Score));
        var best = new Result(aboveEveryScore, total, 0, scoredWindows, 0);
        var position = 0;
        while (position < rows.Count)
        {
            var threshold = rows[position].Score;
            while (position < rows.Count && rows[position].Score == threshold)
            {
                var (_, value, window) = rows[position];
                if (window < 0)
                {
                    total += value;
                    falsePositiveRows++;
                }
                else
                {
                    if (!windowDetected[window])
                    {
                        windowDetected[window] = true;
                        detectedWindows++;
                    }

                    if (value > windowValue[window])
                    {
                        total += value - windowValue[window];
                        windowValue[window] = value;
                    }
                }

                position++;
            }

            if (total > best.RawScore)
            {
                best = new Result(threshold, total, detectedWindows, scoredWindows - detectedWindows, falsePositiveRows);
            }
        }

        return best;
    }
}
