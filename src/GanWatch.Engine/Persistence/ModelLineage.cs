using GanWatch.Engine.FineTuning;

namespace GanWatch.Engine.Persistence;

/// <summary>
/// Where a model came from: the version it was fine-tuned from, the span of the data it was fine-tuned on and the
/// validation numbers that let it replace its parent. Stored in model.json; all parts are empty for a model trained from scratch.
/// </summary>
public sealed class ModelLineage
{
    /// <summary>The model version this model was fine-tuned from; null for a model trained from scratch.</summary>
    public string? ParentVersion { get; set; }

    /// <summary>End time of the earliest window of the fine-tuning data, when known.</summary>
    public DateTimeOffset? DataFrom { get; set; }

    /// <summary>End time of the latest window of the fine-tuning data, when known.</summary>
    public DateTimeOffset? DataTo { get; set; }

    /// <summary>The validation gate's numbers for this model against its parent, when it passed one.</summary>
    public ValidationReport? Validation { get; set; }

    /// <summary>Returns a copy.</summary>
    public ModelLineage Clone() => (ModelLineage)MemberwiseClone();
}
