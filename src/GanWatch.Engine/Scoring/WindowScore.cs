namespace GanWatch.Engine.Scoring;

/// <summary>The anomaly score of one window and its parts, all in normalised units (standard deviations of the training data).</summary>
/// <param name="Score">(1 - lambda) * <paramref name="Residual"/> + lambda * <paramref name="FeatureDistance"/>; higher is more anomalous.</param>
/// <param name="Residual">mean |x - G(z)| over all channels and steps.</param>
/// <param name="FeatureDistance">mean |f(x) - f(G(z))| over the critic's feature vector.</param>
/// <param name="ChannelResiduals">mean |x - G(z)| over the steps of each channel, one value per channel.</param>
/// <param name="LastPointResiduals">|x - G(z)| at the last step of each channel, one value per channel.</param>
public sealed record WindowScore(
    double Score,
    double Residual,
    double FeatureDistance,
    float[] ChannelResiduals,
    float[] LastPointResiduals);
