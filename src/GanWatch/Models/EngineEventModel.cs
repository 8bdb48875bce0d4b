using GanWatch.Engine;
using GanWatch.Engine.Features;
using GanWatch.Streaming.Events;
using GanWatch.Streaming.Scoring;
using EngineScore = GanWatch.Engine.Scoring.WindowScore;

namespace GanWatch.Models;

/// <summary>
/// Adapts an event model (a <see cref="GanModel"/> with a <see cref="FeatureEncoder"/>) to the stream processor's
/// <see cref="IEventModel"/>: encodes events with the model's fitted encoder, and sums residuals per field.
/// </summary>
/// <remarks>Owns the model and disposes it. <see cref="TryEncode"/> may run on any thread because the encoder is immutable.</remarks>
internal sealed class EngineEventModel : EngineWindowModel, IEventModel
{
    private readonly FeatureEncoder features;

    public EngineEventModel(GanModel model, ModelSource source) : base(model, source)
    {
        features = model.Features ?? throw new ArgumentException($"Model {model.ModelVersion} has no event encoder; wrap it as an EngineWindowModel.", nameof(model));
        NumericFields = features.Fields.Where(f => f.Kind == FeatureKind.Numeric).Select(f => f.Name).ToList();
        CategoricalFields = features.Fields.Where(f => f.Kind == FeatureKind.Categorical).Select(f => f.Name).ToList();
        FeatureFields = features.Fields.Select(f => f.Name).ToList();
    }

    public IReadOnlyList<string> NumericFields { get; }

    public IReadOnlyList<string> CategoricalFields { get; }

    public IReadOnlyList<string> FeatureFields { get; }

    public bool TryEncode(EventRecord record, Span<float> destination, ICollection<string> unseenFields, out string? invalidField) =>
        features.TryEncode(new FeatureRow(record.Numbers, record.Categories), destination, unseenFields, out invalidField);

    /// <summary>Returns one residual per feature field, the sum over the field's encoded columns.</summary>
    protected override float[] Residuals(EngineScore score) => features.FieldResiduals(score.ChannelResiduals);
}
