using GanWatch.Engine;
using GanWatch.Engine.Data;
using GanWatch.Engine.Thresholds;
using GanWatch.Streaming.Scoring;
using EngineScore = GanWatch.Engine.Scoring.WindowScore;
using StreamScore = GanWatch.Streaming.Scoring.WindowScore;

namespace GanWatch.Models;

/// <summary>Adapts a trained <see cref="GanModel"/> to the stream processor's <see cref="IWindowModel"/>.</summary>
/// <remarks>
/// Owns the model and disposes it. <see cref="Score"/> runs on the scoring thread only. <see cref="Create"/> returns an
/// <see cref="EngineEventModel"/> for event models.
/// </remarks>
internal class EngineWindowModel(GanModel model) : IWindowModel, IDisposable
{
    private readonly int windowLength = model.Shape.WindowLength;
    private readonly int channels = model.Shape.Channels;

    /// <summary>Wraps <paramref name="model"/>: an event model (one with an event encoder) as an <see cref="EngineEventModel"/>.</summary>
    public static EngineWindowModel Create(GanModel model) => model.Features is null ? new EngineWindowModel(model) : new EngineEventModel(model);

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
            results[i] = new StreamScore(scores[i].Score, Residuals(scores[i]));
        }

        return results;
    }

    public ISeriesThreshold CreateThreshold() => new EngineSeriesThreshold(model.CreateThreshold());

    /// <summary>Returns the residuals an alert ranks: one per channel for series models.</summary>
    protected virtual float[] Residuals(EngineScore score) => score.ChannelResiduals;

    public void Dispose() => model.Dispose();

    private sealed class EngineSeriesThreshold(IThreshold threshold) : ISeriesThreshold
    {
        public double Value => threshold.Value;

        public void Observe(double score) => threshold.Observe(score);
    }
}
