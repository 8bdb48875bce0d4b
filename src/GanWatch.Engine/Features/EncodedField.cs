using System.Text.Json.Serialization;

namespace GanWatch.Engine.Features;

/// <summary>
/// One fitted numeric or categorical field of a <see cref="FeatureEncoder"/>: where its columns start and how values
/// map to them. Immutable.
/// </summary>
public sealed class EncodedField
{
    /// <summary>Creates a fitted field; <see cref="FeatureEncoder"/> checks it.</summary>
    [JsonConstructor]
    public EncodedField(string name, FeatureKind kind, FeatureScaling scaling, double offset, double scale, string[]? vocabulary)
    {
        Name = name;
        Kind = kind;
        Scaling = scaling;
        Offset = offset;
        Scale = scale;
        Vocabulary = vocabulary;
    }

    /// <summary>Field name in the event.</summary>
    public string Name { get; }

    /// <summary><see cref="FeatureKind.Numeric"/> or <see cref="FeatureKind.Categorical"/>.</summary>
    public FeatureKind Kind { get; }

    /// <summary>Numeric fields: the scaling the parameters were fitted for.</summary>
    public FeatureScaling Scaling { get; }

    /// <summary>Numeric fields: subtracted from a value before dividing by <see cref="Scale"/> (the mean or the minimum).</summary>
    public double Offset { get; }

    /// <summary>Numeric fields: the divisor, positive (the standard deviation or the range, or 1 for a constant field).</summary>
    public double Scale { get; }

    /// <summary>Categorical fields: the values with their own column, in column order; the unseen column follows them.</summary>
    public string[]? Vocabulary { get; }

    /// <summary>Number of columns: 1 for a numeric field, the vocabulary size plus the unseen column for a categorical one.</summary>
    [JsonIgnore]
    public int Width => Kind == FeatureKind.Categorical ? Vocabulary!.Length + 1 : 1;
}
