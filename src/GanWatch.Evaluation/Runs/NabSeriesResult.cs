using GanWatch.Evaluation.Nab;

namespace GanWatch.Evaluation.Runs;

/// <summary>The output of the GAN protocol on one NAB series.</summary>
/// <param name="Series">The series.</param>
/// <param name="AnomalyScores">One NAB anomaly score per row, in [0, 1]; the probation rows score 0.</param>
/// <param name="RawScores">The raw GAN scores that fed the likelihood.</param>
/// <param name="Elapsed">Wall time of training and scoring this series.</param>
public sealed record NabSeriesResult(NabSeries Series, double[] AnomalyScores, GanRowScores RawScores, TimeSpan Elapsed);
