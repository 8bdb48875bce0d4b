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
/// <param name="model">The model; this adapter takes ownership.</param>
/// <param name="source">The configured repository and pin the model was loaded for.</param>
internal class EngineWindowModel(GanModel model, ModelSource source) : IWindowModel, IDisposable
{
    private readonly int windowLength = model.Shape.WindowLength;
    private readonly int channels = model.Shape.Channels;
    private int disposed;

    /// <summary>Wraps <paramref name="model"/>: an event model (one with an event encoder) as an <see cref="EngineEventModel"/>.</summary>
    public static EngineWindowModel Create(GanModel model, ModelSource source) =>
        model.Features is null ? new EngineWindowModel(model, source) : new EngineEventModel(model, source);

    /// <summary>The wrapped model.</summary>
    public GanModel Model => model;

    /// <summary>The configured repository and pin the model was loaded for.</summary>
    public ModelSource Source => source;

    /// <summary>Whether <see cref="Dispose"/> has been called.</summary>
    public bool IsDisposed => Volatile.Read(ref disposed) == 1;

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

    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 0)
        {
            model.Dispose();
        }
    }

    private sealed class EngineSeriesThreshold(IThreshold threshold) : ISeriesThreshold
    {
        public double Value => threshold.Value;

        public void Observe(double score) => threshold.Observe(score);
    }
}
