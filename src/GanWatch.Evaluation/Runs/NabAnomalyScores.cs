using GanWatch.Evaluation.Baselines;
using GanWatch.Evaluation.Likelihood;
using GanWatch.Evaluation.Nab;

namespace GanWatch.Evaluation.Runs;

/// <summary>
/// Turns raw per-row scores of a NAB series into NAB anomaly scores in [0, 1]. The base is a per-series anomaly
/// likelihood with NAB's HTM settings for the file length, on NAB's log scale. Options add the likelihood of a rolling
/// z-score of the value, a range check on the value and a refractory period. Every step is causal.
/// </summary>
public static class NabAnomalyScores
{
    /// <summary>Returns one anomaly score per row; the probation rows score 0.</summary>
    /// <param name="values">The series values, used for flat-metric detection and the rolling z-score.</param>
    /// <param name="rawScores">The detector's raw score of each row; higher is more anomalous.</param>
    /// <param name="options">The z-score window, refractory rows and detection level.</param>
    /// <exception cref="ArgumentException">The arrays differ in length, or a raw score is not finite.</exception>
    public static double[] Compute(IReadOnlyList<double> values, IReadOnlyList<double> rawScores, NabGanRunOptions options)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(rawScores);
        ArgumentNullException.ThrowIfNull(options);
        if (values.Count != rawScores.Count)
        {
            throw new ArgumentException($"The series has {values.Count} values but {rawScores.Count} raw scores; pass one score per row.", nameof(rawScores));
        }

        var scores = LogLikelihoods(values, rawScores);
        if (options.ZScoreWindow > 0)
        {
            var zScores = RollingZScoreDetector.ScoreSeries(values.ToArray(), options.ZScoreWindow);
            var valueScores = LogLikelihoods(values, zScores);
            for (int row = 0; row < scores.Length; row++)
            {
                scores[row] = Math.Max(scores[row], valueScores[row]);
            }
        }

        if (options.SpatialTolerance > 0)
        {
            MarkRangeBreaks(values, scores, options.SpatialTolerance);
        }

        Array.Fill(scores, 0.0, 0, Math.Min(scores.Length, NabScoring.ProbationRows(scores.Length)));
        if (options.RefractoryRows > 0)
        {
            ApplyRefractoryPeriod(scores, options.RefractoryRows, options.OwnThreshold);
        }

        return scores;
    }

    /// <summary>
    /// Sets to 0 every score within <paramref name="rows"/> rows after a score of at least <paramref name="level"/>,
    /// unless the later score is higher still. Each row depends only on earlier rows.
    /// </summary>
    public static void ApplyRefractoryPeriod(double[] scores, int rows, double level)
    {
        ArgumentNullException.ThrowIfNull(scores);
        int lastDetection = int.MinValue / 2;
        double lastLevel = 0.0;
        for (int row = 0; row < scores.Length; row++)
        {
            bool inPeriod = row - lastDetection <= rows;
            if (inPeriod && scores[row] <= lastLevel)
            {
                scores[row] = 0.0;
                continue;
            }

            if (scores[row] >= level)
            {
                lastDetection = row;
                lastLevel = scores[row];
            }
        }
    }

    /// <summary>
    /// Sets the score to 1 where the value leaves the range [min - tolerance * (max - min), max + tolerance * (max - min)]
    /// of all earlier values, as the spatial anomaly check of NAB's HTM detector does (tolerance 0.05 there).
    /// </summary>
    private static void MarkRangeBreaks(IReadOnlyList<double> values, double[] scores, double tolerance)
    {
        double minimum = double.PositiveInfinity;
        double maximum = double.NegativeInfinity;
        for (int row = 0; row < values.Count; row++)
        {
            double value = values[row];
            if (maximum > minimum)
            {
                double margin = (maximum - minimum) * tolerance;
                if (value > maximum + margin || value < minimum - margin)
                {
                    scores[row] = 1.0;
                }
            }

            minimum = Math.Min(minimum, value);
            maximum = Math.Max(maximum, value);
        }
    }

    private static double[] LogLikelihoods(IReadOnlyList<double> values, IReadOnlyList<double> rawScores)
    {
        var likelihood = new AnomalyLikelihood(AnomalyLikelihoodOptions.ForNabSeries(values.Count));
        var scores = new double[values.Count];
        for (int row = 0; row < scores.Length; row++)
        {
            scores[row] = AnomalyLikelihood.LogLikelihood(likelihood.Update(rawScores[row], values[row]));
        }

        return scores;
    }
}
