using GanWatch.Evaluation.Smd;

namespace GanWatch.Evaluation.Runs;

/// <summary>The GAN protocol's result on one SMD machine.</summary>
/// <param name="Machine">The machine name, for example <c>machine-1-2</c>.</param>
/// <param name="Threshold">The label-free threshold on window scores (a quantile of held-out train scores).</param>
/// <param name="PointWise">Point-wise counts at that threshold.</param>
/// <param name="PointAdjusted">Counts at that threshold after point adjust (a segment counts once any point in it is flagged).</param>
/// <param name="HitRate100">HitRate@100 % of the per-channel residual ranking.</param>
/// <param name="HitRate150">HitRate@150 % of the per-channel residual ranking.</param>
/// <param name="BestF1">The best point-wise F1 over all thresholds; chosen with the labels, for comparison only.</param>
/// <param name="Elapsed">Wall time of training and scoring the machine.</param>
public sealed record SmdMachineResult(
    string Machine,
    double Threshold,
    DetectionMetrics PointWise,
    DetectionMetrics PointAdjusted,
    double HitRate100,
    double HitRate150,
    double BestF1,
    TimeSpan Elapsed)
{
    /// <summary>The window score of each test row, from the window that ends at the row; empty when not recorded.</summary>
    public double[] Scores { get; init; } = [];

    /// <summary>
    /// Each channel's share of the summed per-channel residuals over all test rows, in [0, 1] and summing to 1;
    /// empty when not recorded.
    /// </summary>
    public double[] ChannelResidualShares { get; init; } = [];
}
