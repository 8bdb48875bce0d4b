namespace GanWatch.Engine.Features;

/// <summary>
/// The fields of an event and how each enters the model, before fitting. <see cref="FeatureEncoder.Fit"/> learns the
/// scaling parameters and vocabularies from training events.
/// </summary>
public sealed class FeatureSchema
{
    /// <summary>The fields, in the order their columns take in the encoded vector.</summary>
    public List<FeatureField> Fields { get; set; } = [];

    /// <summary>The numeric and categorical fields, in order: the fields a <see cref="FeatureRow"/> carries values for.</summary>
    public IEnumerable<FeatureField> Features => Fields.Where(f => f.Kind != FeatureKind.PassThrough);

    /// <summary>The numeric fields, in order; <see cref="FeatureRow.Numbers"/> has one value for each.</summary>
    public IReadOnlyList<FeatureField> NumericFields => Fields.Where(f => f.Kind == FeatureKind.Numeric).ToList();

    /// <summary>The categorical fields, in order; <see cref="FeatureRow.Categories"/> has one value for each.</summary>
    public IReadOnlyList<FeatureField> CategoricalFields => Fields.Where(f => f.Kind == FeatureKind.Categorical).ToList();

    /// <summary>Returns every problem with this schema; an empty list means it is valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Fields is null || !Fields.Any(field => field is not null && field.Kind != FeatureKind.PassThrough))
        {
            problems.Add("The schema has no Numeric or Categorical field; list at least one field for the model to learn from.");
            return problems;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < Fields.Count; i++)
        {
            FeatureField? field = Fields[i];
            if (field is null || string.IsNullOrWhiteSpace(field.Name))
            {
                problems.Add($"Fields[{i}] has no name; set Name to the field's name in the event.");
                continue;
            }

            if (!names.Add(field.Name))
            {
                problems.Add($"Field '{field.Name}' is listed twice; list each field once.");
            }

            if (!Enum.IsDefined(field.Kind))
            {
                problems.Add($"Field '{field.Name}' has Kind {(int)field.Kind}; use Numeric, Categorical or PassThrough.");
            }

            if (!Enum.IsDefined(field.Scaling))
            {
                problems.Add($"Field '{field.Name}' has Scaling {(int)field.Scaling}; use Standard or MinMax.");
            }

            if (field.MaxCategories < 1)
            {
                problems.Add($"Field '{field.Name}' has MaxCategories {field.MaxCategories}; it must be at least 1.");
            }
        }

        return problems;
    }

    /// <summary>Throws <see cref="ArgumentException"/> listing every problem when <see cref="Validate"/> finds any.</summary>
    public void ThrowIfInvalid()
    {
        var problems = Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid event schema: " + string.Join(" ", problems));
        }
    }
}
