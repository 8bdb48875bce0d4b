using GanWatch.Engine;
using GanWatch.Engine.Data;
using GanWatch.Engine.Thresholds;
using GanWatch.Streaming.Scoring;
using EngineScore = GanWatch.Engine.Scoring.WindowScore;
using StreamScore = GanWatch.Streaming.Scoring.WindowScore;

namespace GanWatch.Models;

/// <summary>Adapts a trained <see cref="GanModel"/> to the stream processor's <see cref="IWindowModel"/>.</summary>
/// <remarks>Owns the model and disposes it. <see cref="Score"/> runs on the scoring thread only.</remarks>
internal sealed class EngineWindowModel(GanModel model) : IWindowModel, IDisposable
{
    private readonly int windowLength = model.Shape.WindowLength;
    private readonly int channels = model.Shape.Channels;

    /// <summary>The wrapped model.</summary>
    public GanModel Model => model;

    public string Version => model.ModelVersion;

    public int WindowLength => windowLength;

    public int Channels => channels;

    public IReadOnlyList<StreamScore> Score(float[] windows, int count)
    {
        int size = count * channels * windowLength;
        float[] values = windows.Length == size ? windows : windows[..size];
        EngineScore[] scores = model.Score(new WindowBatch(values, count, channels, windowLength));
        var results = new StreamScore[scores.Length];
        for (int i = 0; i < scores.Length; i++)
        {
            results[i] = new StreamScore(scores[i].Score, scores[i].ChannelResiduals);
        }

        return results;
    }

    public ISeriesThreshold CreateThreshold() => new EngineSeriesThreshold(model.CreateThreshold());

    public void Dispose() => model.Dispose();

    private sealed class EngineSeriesThreshold(IThreshold threshold) : ISeriesThreshold
    {
        public double Value => threshold.Value;

        public void Observe(double score) => threshold.Observe(score);
    }
}
