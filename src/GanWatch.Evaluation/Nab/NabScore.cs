namespace GanWatch.Evaluation.Nab;

/// <summary>A NAB score for one profile over a set of series.</summary>
/// <param name="Profile">The profile that weighted the detections.</param>
/// <param name="Threshold">
/// The anomaly-score threshold (a row is a detection when its score is at least this value), or null when the
/// detections were given directly. A sweep whose best choice is no detection at all reports a value above every score.
/// </param>
/// <param name="RawScore">The sum of detection values and missed-window costs over all series.</param>
/// <param name="NullScore">The raw score of a detector that never fires: minus A_FN per scored window.</param>
/// <param name="PerfectScore">A_TP per labelled anomaly, as NAB normalises it.</param>
/// <param name="DetectedWindows">Windows with at least one detection on a scored row.</param>
/// <param name="MissedWindows">Scored windows without a detection.</param>
/// <param name="FalsePositiveRows">Detections on scored rows outside every window.</param>
public sealed record NabScore(
    NabProfile Profile,
    double? Threshold,
    double RawScore,
    double NullScore,
    double PerfectScore,
    int DetectedWindows,
    int MissedWindows,
    int FalsePositiveRows)
{
    /// <summary>
    /// The NAB score: <c>100 * (raw - null) / (perfect - null)</c>, so 100 for a perfect detector and 0 for one that
    /// never fires. Returns 0 when perfect and null coincide (no windows at all).
    /// </summary>
    public double NormalizedScore =>
        PerfectScore == NullScore ? 0.0 : 100.0 * (RawScore - NullScore) / (PerfectScore - NullScore);
}
