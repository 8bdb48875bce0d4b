using GanWatch.Streaming.Scoring;

namespace GanWatch.Streaming.Tests.Support;

/// <summary>
/// Test model, not a GAN: scores a window by how far its last point lies from the mean of the other points, in
/// standard deviations of those points, taking the largest channel. The threshold is fixed.
/// </summary>
internal sealed class ZScoreTestModel(int windowLength, int channels = 1, double threshold = 6.0, TimeSpan? delayPerBatch = null)
    : IWindowModel
{
    private int _calls;

    public string Version => "zscore-test-1";

    public int WindowLength { get; } = windowLength;

    public int Channels { get; } = channels;

    /// <summary>Number of <see cref="Score"/> calls so far.</summary>
    public int Calls => Volatile.Read(ref _calls);

    public IReadOnlyList<WindowScore> Score(float[] windows, int count)
    {
        Interlocked.Increment(ref _calls);
        Assert.Equal(count * Channels * WindowLength, windows.Length);
        if (delayPerBatch is { } delay)
        {
            Thread.Sleep(delay);
        }

        var scores = new WindowScore[count];
        for (int w = 0; w < count; w++)
        {
            var residuals = new float[Channels];
            for (int c = 0; c < Channels; c++)
            {
                residuals[c] = (float)ZScore(windows.AsSpan((w * Channels + c) * WindowLength, WindowLength));
            }

            scores[w] = new WindowScore(residuals.Max(), residuals);
        }

        return scores;
    }

    public ISeriesThreshold CreateThreshold() => new FixedThreshold(threshold);

    private static double ZScore(ReadOnlySpan<float> points)
    {
        ReadOnlySpan<float> history = points[..^1];
        double mean = 0;
        foreach (float point in history)
        {
            mean += point;
        }

        mean /= history.Length;
        double variance = 0;
        foreach (float point in history)
        {
            variance += (point - mean) * (point - mean);
        }

        double std = Math.Sqrt(variance / history.Length);
        return Math.Abs(points[^1] - mean) / (std + 1e-3);
    }

    private sealed class FixedThreshold(double value) : ISeriesThreshold
    {
        public double Value => value;

        public void Observe(double score)
        {
        }
    }
}
