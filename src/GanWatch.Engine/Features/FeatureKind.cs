namespace GanWatch.Engine.Features;

/// <summary>How an event field enters the model.</summary>
public enum FeatureKind
{
    /// <summary>A number, scaled with the field's <see cref="FeatureScaling"/> into one column.</summary>
    Numeric,

    /// <summary>A category, one-hot encoded over the vocabulary learned at training plus one column for unseen values.</summary>
    Categorical,

    /// <summary>Not a feature: carried unchanged into alerts, for example a host name or a connection id.</summary>
    PassThrough,
}
