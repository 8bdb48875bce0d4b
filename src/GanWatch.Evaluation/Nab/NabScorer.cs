namespace GanWatch.Evaluation.Nab;

/// <summary>
/// Scores detections or anomaly scores of a set of series with NAB's rules and normalisation.
/// </summary>
/// <remarks>
/// Sums the scores of all series, then normalises with the score of a detector that never fires (null) and A_TP per
/// labelled anomaly (perfect), as NAB's runner does. NAB counts perfect from the labels file, so a window holding two
/// labels makes 100 slightly out of reach. Instances are immutable and thread-safe.
/// </remarks>
public sealed class NabScorer
{
    /// <summary>Creates a scorer for the given series.</summary>
    /// <param name="series">The row values of each series, in the order the score arrays will use.</param>
    /// <param name="labelCount">The number of labelled anomalies that sets the perfect score; default the number of windows.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="labelCount"/> is negative.</exception>
    public NabScorer(IReadOnlyList<NabRowWeights> series, int? labelCount = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        Series = series;
        LabelCount = labelCount ?? series.Sum(item => item.WindowCount);
        ArgumentOutOfRangeException.ThrowIfNegative(LabelCount, nameof(labelCount));
    }

    /// <summary>The row values of each series.</summary>
    public IReadOnlyList<NabRowWeights> Series { get; }

    /// <summary>The number of labelled anomalies; the perfect raw score is A_TP times this.</summary>
    public int LabelCount { get; }

    /// <summary>Creates a scorer for every series of a corpus, in corpus order, with NAB's label count.</summary>
    public static NabScorer ForCorpus(NabCorpus corpus, double probationFraction = NabScoring.DefaultProbationFraction)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        var series = corpus.Series
            .Select(item => NabRowWeights.Create(
                item.RelativePath,
                item.Data.RowCount,
                item.Windows.Select(window => (window.StartRow, window.EndRow)).ToList(),
                probationFraction))
            .ToList();
        return new NabScorer(series, corpus.LabelCount);
    }

    /// <summary>Scores fixed per-row detections, for example from a detector's own threshold.</summary>
    /// <exception cref="ArgumentException">The number of arrays or of rows in an array does not match the series.</exception>
    public NabScore ScoreDetections(IReadOnlyList<bool[]> detections, NabProfile profile)
    {
        ArgumentNullException.ThrowIfNull(detections);
        ArgumentNullException.ThrowIfNull(profile);
        CheckShapes(detections.Select(item => item.Length).ToList(), nameof(detections));

        double raw = 0.0;
        int detectedWindows = 0, missedWindows = 0, falsePositiveRows = 0;
        for (var index = 0; index < Series.Count; index++)
        {
            var series = Series[index];
            var windowBest = new double?[series.WindowCount];
            for (var row = series.FirstScoredRow; row < series.RowCount; row++)
            {
                if (!detections[index][row])
                {
                    continue;
                }

                var value = series.DetectionValue(row, profile);
                var window = series.WindowOf(row);
                if (window < 0)
                {
                    raw += value;
                    falsePositiveRows++;
                }
                else
                {
                    windowBest[window] = Math.Max(windowBest[window] ?? double.NegativeInfinity, value);
                }
            }

            foreach (var best in windowBest)
            {
                if (best is { } value)
                {
                    raw += value;
                    detectedWindows++;
                }
            }

            var missed = series.ScoredWindowCount - windowBest.Count(best => best.HasValue);
            raw -= missed * profile.FalseNegativeWeight;
            missedWindows += missed;
        }

        return new NabScore(profile, null, raw, NullScore(profile), PerfectScore(profile), detectedWindows, missedWindows, falsePositiveRows);
    }

    /// <summary>Scores anomaly scores at a fixed threshold: a row is a detection when its score is at least the threshold.</summary>
    /// <exception cref="ArgumentException">The shapes do not match the series, or a score is NaN.</exception>
    public NabScore ScoreAtThreshold(IReadOnlyList<double[]> scores, double threshold, NabProfile profile)
    {
        ArgumentNullException.ThrowIfNull(scores);
        CheckScores(scores);
        var detections = scores.Select(series => Array.ConvertAll(series, score => score >= threshold)).ToList();
        return ScoreDetections(detections, profile) with { Threshold = threshold };
    }

    /// <summary>
    /// Finds the one threshold for all series that maximises the raw score, as NAB's optimiser does, and returns the
    /// score there. Every distinct score value is a candidate, and ties keep the highest threshold.
    /// Runs in O(n log n) for n scored rows.
    /// </summary>
    /// <exception cref="ArgumentException">The shapes do not match the series, or a score is NaN.</exception>
    public NabScore FindBestThreshold(IReadOnlyList<double[]> scores, NabProfile profile)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(profile);
        CheckScores(scores);
        var best = NabThresholdSweep.Run(Series, scores, profile);
        return new NabScore(
            profile,
            best.Threshold,
            best.RawScore,
            NullScore(profile),
            PerfectScore(profile),
            best.DetectedWindows,
            best.MissedWindows,
            best.FalsePositiveRows);
    }

    /// <summary>Returns the raw score of a detector that never fires: minus A_FN per scored window.</summary>
    public double NullScore(NabProfile profile) =>
        -profile.FalseNegativeWeight * Series.Sum(series => series.ScoredWindowCount);

    /// <summary>Returns the perfect raw score: A_TP per labelled anomaly.</summary>
    public double PerfectScore(NabProfile profile) => profile.TruePositiveWeight * LabelCount;

    private void CheckScores(IReadOnlyList<double[]> scores)
    {
        CheckShapes(scores.Select(item => item.Length).ToList(), nameof(scores));
        for (var index = 0; index < scores.Count; index++)
        {
            var row = Array.FindIndex(scores[index], double.IsNaN);
            if (row >= 0)
            {
                throw new ArgumentException($"Series '{Series[index].Name}' has a NaN score at row {row}; scores must be numbers.", nameof(scores));
            }
        }
    }

    private void CheckShapes(IReadOnlyList<int> lengths, string parameterName)
    {
        if (lengths.Count != Series.Count)
        {
            throw new ArgumentException($"Got {lengths.Count} arrays for {Series.Count} series; pass one array per series in scorer order.", parameterName);
        }

        for (var index = 0; index < lengths.Count; index++)
        {
            if (lengths[index] != Series[index].RowCount)
            {
                throw new ArgumentException(
                    $"Series '{Series[index].Name}' has {Series[index].RowCount} rows but its array has {lengths[index]}; pass one value per row.",
                    parameterName);
            }
        }
    }
}
