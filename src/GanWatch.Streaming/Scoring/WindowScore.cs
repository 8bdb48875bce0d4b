namespace GanWatch.Streaming.Scoring;

/// <summary>The anomaly score of one window.</summary>
/// <param name="Score">Higher is more anomalous; compared with <see cref="ISeriesThreshold.Value"/>.</param>
/// <param name="ChannelResiduals">Non-negative residual per channel; used to name the channels that explain the score.</param>
public readonly record struct WindowScore(double Score, float[] ChannelResiduals);
