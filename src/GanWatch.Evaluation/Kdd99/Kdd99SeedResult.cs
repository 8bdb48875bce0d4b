using GanWatch.Evaluation.Smd;

namespace GanWatch.Evaluation.Kdd99;

/// <summary>The outcome of one seed of the KDD99 protocol.</summary>
/// <param name="Seed">The seed of the split, the training sample and the model.</param>
/// <param name="AvailableTrainingRows">Non-<c>normal.</c> records in the training half.</param>
/// <param name="TrainingRows">Records the model was trained on; fewer than <paramref name="AvailableTrainingRows"/> when subsampled.</param>
/// <param name="TestRows">Records in the test half, all scored.</param>
/// <param name="TestNormalRows">Test records labelled <c>normal.</c>, the positives.</param>
/// <param name="Metrics">Precision, recall and F1 of the flagged test records, with <c>normal.</c> as the positive class.</param>
/// <param name="Elapsed">Wall time of this seed: split, training and scoring.</param>
public sealed record Kdd99SeedResult(
    int Seed,
    int AvailableTrainingRows,
    int TrainingRows,
    int TestRows,
    int TestNormalRows,
    DetectionMetrics Metrics,
    TimeSpan Elapsed)
{
    /// <summary>With several restarts: each restart's mean score on the held-out training records; the lowest was kept.</summary>
    public IReadOnlyList<double> SelectionScores { get; init; } = [];

    /// <summary>Flagged test records that are not <c>normal.</c>, counted by their attack label; read after scoring.</summary>
    public IReadOnlyDictionary<string, int> FalsePositivesByLabel { get; init; } = new Dictionary<string, int>();
}
