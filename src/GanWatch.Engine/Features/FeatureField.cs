namespace GanWatch.Engine.Features;

/// <summary>One field of an event schema: its name in the event and how it enters the model.</summary>
public sealed class FeatureField
{
    /// <summary>The default of <see cref="MaxCategories"/>.</summary>
    public const int DefaultMaxCategories = 100;

    /// <summary>Field name as it appears in the event (a JSON property name or a CSV header). Required.</summary>
    public string Name { get; set; } = "";

    /// <summary>How the field enters the model. Default <see cref="FeatureKind.Numeric"/>.</summary>
    public FeatureKind Kind { get; set; } = FeatureKind.Numeric;

    /// <summary>Scaling of a numeric field. Default <see cref="FeatureScaling.Standard"/>. Ignored for other kinds.</summary>
    public FeatureScaling Scaling { get; set; } = FeatureScaling.Standard;

    /// <summary>
    /// Categorical fields: the most frequent values in training, at most this many, get their own one-hot column; rarer
    /// ones share the unseen column, so the model learns how often rare values occur. Default 100. Ignored for other kinds.
    /// </summary>
    public int MaxCategories { get; set; } = DefaultMaxCategories;
}
