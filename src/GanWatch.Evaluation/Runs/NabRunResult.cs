using GanWatch.Evaluation.Nab;

namespace GanWatch.Evaluation.Runs;

/// <summary>The output of the GAN protocol on a NAB corpus.</summary>
/// <param name="Series">Per-series results in corpus order.</param>
/// <param name="SweptScores">Per profile, the score at the best corpus-wide threshold (NAB's sweep; uses the labels).</param>
/// <param name="OwnThresholdScores">Per profile, the score at the detector's own label-free level.</param>
/// <param name="OwnThreshold">That level on NAB's log-likelihood scale.</param>
/// <param name="Elapsed">Wall time of the whole run.</param>
public sealed record NabRunResult(
    IReadOnlyList<NabSeriesResult> Series,
    IReadOnlyList<NabScore> SweptScores,
    IReadOnlyList<NabScore> OwnThresholdScores,
    double OwnThreshold,
    TimeSpan Elapsed);
