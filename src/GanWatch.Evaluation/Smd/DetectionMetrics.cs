namespace GanWatch.Evaluation.Smd;

/// <summary>Point-wise detection counts with precision, recall and F1.</summary>
/// <param name="TruePositives">Flagged anomalous rows.</param>
/// <param name="FalsePositives">Flagged normal rows.</param>
/// <param name="FalseNegatives">Anomalous rows not flagged.</param>
public sealed record DetectionMetrics(int TruePositives, int FalsePositives, int FalseNegatives)
{
    /// <summary>TP / (TP + FP), or 0 when nothing is flagged.</summary>
    public double Precision => TruePositives + FalsePositives == 0 ? 0.0 : TruePositives / (double)(TruePositives + FalsePositives);

    /// <summary>TP / (TP + FN), or 0 when nothing is anomalous.</summary>
    public double Recall => TruePositives + FalseNegatives == 0 ? 0.0 : TruePositives / (double)(TruePositives + FalseNegatives);

    /// <summary>The harmonic mean of precision and recall, or 0 when both are 0.</summary>
    public double F1 => Precision + Recall == 0.0 ? 0.0 : 2.0 * Precision * Recall / (Precision + Recall);

    /// <summary>Counts point-wise hits of <paramref name="predictions"/> against <paramref name="labels"/>.</summary>
    /// <exception cref="ArgumentException">The arrays differ in length.</exception>
    public static DetectionMetrics Compute(ReadOnlySpan<bool> predictions, ReadOnlySpan<bool> labels)
    {
        CheckLengths(predictions, labels);
        int truePositives = 0, falsePositives = 0, falseNegatives = 0;
        for (var row = 0; row < labels.Length; row++)
        {
            if (predictions[row] && labels[row])
            {
                truePositives++;
            }
            else if (predictions[row])
            {
                falsePositives++;
            }
            else if (labels[row])
            {
                falseNegatives++;
            }
        }

        return new DetectionMetrics(truePositives, falsePositives, falseNegatives);
    }

    /// <summary>
    /// Counts hits after point adjustment: every row of a labelled segment (a maximal run of anomalous rows) counts
    /// as flagged once any row of it is flagged. This is the protocol most SMD papers report, and it flatters weak
    /// detectors: random scores reach a high adjusted F1.
    /// </summary>
    /// <exception cref="ArgumentException">The arrays differ in length.</exception>
    public static DetectionMetrics ComputePointAdjusted(ReadOnlySpan<bool> predictions, ReadOnlySpan<bool> labels)
    {
        CheckLengths(predictions, labels);
        return Compute(AdjustPredictions(predictions, labels), labels);
    }

    /// <summary>Returns a copy of <paramref name="predictions"/> in which each labelled segment with a flagged row is flagged entirely.</summary>
    /// <exception cref="ArgumentException">The arrays differ in length.</exception>
    public static bool[] AdjustPredictions(ReadOnlySpan<bool> predictions, ReadOnlySpan<bool> labels)
    {
        CheckLengths(predictions, labels);
        var adjusted = predictions.ToArray();
        var row = 0;
        while (row < labels.Length)
        {
            if (!labels[row])
            {
                row++;
                continue;
            }

            var end = row;
            var hit = false;
            while (end < labels.Length && labels[end])
            {
                hit |= predictions[end];
                end++;
            }

            if (hit)
            {
                Array.Fill(adjusted, true, row, end - row);
            }

            row = end;
        }

        return adjusted;
    }

    private static void CheckLengths(ReadOnlySpan<bool> predictions, ReadOnlySpan<bool> labels)
    {
        if (predictions.Length != labels.Length)
        {
            throw new ArgumentException($"Got {predictions.Length} predictions for {labels.Length} labels; pass one prediction per labelled row.", nameof(predictions));
        }
    }
}
