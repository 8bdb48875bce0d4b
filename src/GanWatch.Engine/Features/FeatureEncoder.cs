using System.Text.Json.Serialization;
using GanWatch.Engine.Data;

namespace GanWatch.Engine.Features;

/// <summary>
/// Turns events into the feature vectors of a dense model: one scaled column per numeric field and, per categorical
/// field, one one-hot column per vocabulary value plus one unseen column. Fitted on training events and stored in the
/// model's model.json. Immutable and thread-safe.
/// </summary>
/// <remarks>
/// A categorical value outside the vocabulary sets the field's unseen column to 1 and is counted by
/// <see cref="Encode"/>. At training the values beyond
/// <see cref="FeatureField.MaxCategories"/> most frequent ones go to the same column, so a model trained on data with
/// rare values does not treat every new value as extreme.
/// </remarks>
public sealed class FeatureEncoder
{
    /// <summary>The text of the unseen column in <see cref="ColumnNames"/>.</summary>
    public const string UnseenCategory = "<unseen>";

    private readonly Dictionary<string, int>[] lookups;
    private readonly int[] numericFields;
    private readonly int[] categoricalFields;
    private readonly int[] offsets;

    /// <summary>Creates an encoder from fitted fields, for example read back from model.json.</summary>
    /// <exception cref="ArgumentException">A field is invalid: no name, a repeated name, a bad kind, scale or vocabulary.</exception>
    [JsonConstructor]
    public FeatureEncoder(IReadOnlyList<EncodedField> fields, IReadOnlyList<string>? passThrough)
    {
        ArgumentNullException.ThrowIfNull(fields);
        Fields = fields.ToArray();
        PassThrough = (passThrough ?? []).ToArray();
        Check(Fields, PassThrough);

        lookups = new Dictionary<string, int>[Fields.Count];
        offsets = new int[Fields.Count];
        int column = 0;
        for (int i = 0; i < Fields.Count; i++)
        {
            offsets[i] = column;
            column += Fields[i].Width;
            if (Fields[i].Kind == FeatureKind.Categorical)
            {
                lookups[i] = Fields[i].Vocabulary!.Select((value, index) => (value, index)).ToDictionary(p => p.value, p => p.index, StringComparer.Ordinal);
            }
        }

        Width = column;
        numericFields = Enumerable.Range(0, Fields.Count).Where(i => Fields[i].Kind == FeatureKind.Numeric).ToArray();
        categoricalFields = Enumerable.Range(0, Fields.Count).Where(i => Fields[i].Kind == FeatureKind.Categorical).ToArray();
    }

    /// <summary>The numeric and categorical fields, in schema order; their columns follow each other in this order.</summary>
    public IReadOnlyList<EncodedField> Fields { get; }

    /// <summary>Names of the fields carried unchanged into alerts.</summary>
    public IReadOnlyList<string> PassThrough { get; }

    /// <summary>Length of an encoded vector: the model's channel count.</summary>
    [JsonIgnore]
    public int Width { get; }

    /// <summary>Number of numeric fields, the length of <see cref="FeatureRow.Numbers"/>.</summary>
    [JsonIgnore]
    public int NumericCount => numericFields.Length;

    /// <summary>Number of categorical fields, the length of <see cref="FeatureRow.Categories"/>.</summary>
    [JsonIgnore]
    public int CategoricalCount => categoricalFields.Length;

    /// <summary>One name per column, such as <c>duration</c> or <c>service=http</c> and <c>service=&lt;unseen&gt;</c>.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> ColumnNames => Fields
        .SelectMany(f => f.Kind == FeatureKind.Numeric
            ? [f.Name]
            : f.Vocabulary!.Append(UnseenCategory).Select(value => $"{f.Name}={value}"))
        .ToList();

    /// <summary>
    /// Fits the scaling of every numeric field and the vocabulary of every categorical field on <paramref name="rows"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The schema is invalid, there are no rows, or a row does not match the schema.</exception>
    public static FeatureEncoder Fit(FeatureSchema schema, IReadOnlyList<FeatureRow> rows)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(rows);
        schema.ThrowIfInvalid();
        if (rows.Count == 0)
        {
            throw new ArgumentException("Cannot fit the event encoder on no events; supply at least one training event.", nameof(rows));
        }

        var features = schema.Features.ToList();
        int numericCount = features.Count(field => field.Kind == FeatureKind.Numeric);
        int categoricalCount = features.Count - numericCount;
        for (int r = 0; r < rows.Count; r++)
        {
            CheckRow(rows[r], numericCount, categoricalCount, r);
        }

        var fitted = new List<EncodedField>();
        int numeric = 0;
        int categorical = 0;
        foreach (FeatureField field in features)
        {
            fitted.Add(field.Kind == FeatureKind.Numeric
                ? FitNumeric(field, rows, numeric++)
                : FitCategorical(field, rows, categorical++));
        }

        var passThrough = schema.Fields.Where(field => field.Kind == FeatureKind.PassThrough).Select(field => field.Name).ToList();
        return new FeatureEncoder(fitted, passThrough);
    }

    /// <summary>
    /// Encodes one event into <paramref name="destination"/> (<see cref="Width"/> values) and returns how many of its
    /// categorical values were outside their vocabulary; their field names are added to <paramref name="unseenFields"/>.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The row does not match the schema, a number is not finite or scales beyond the 32-bit float range, or the
    /// destination is too short.
    /// </exception>
    public int Encode(FeatureRow row, Span<float> destination, ICollection<string>? unseenFields = null)
    {
        var unseen = new List<string>();
        if (!TryEncode(row, destination, unseen, out string? invalidField))
        {
            throw new ArgumentException(
                $"Field '{invalidField}' is {row.Numbers[NumericIndex(invalidField!)]}, which is not finite or scales beyond the 32-bit float range.", nameof(row));
        }

        foreach (string field in unseen)
        {
            unseenFields?.Add(field);
        }

        return unseen.Count;
    }

    /// <summary>
    /// Encodes one event like <see cref="Encode"/>, but returns false with the numeric field at fault, instead of
    /// throwing, when a number is not finite or scales beyond the 32-bit float range.
    /// </summary>
    /// <exception cref="ArgumentException">The row does not match the schema, or the destination is too short.</exception>
    public bool TryEncode(FeatureRow row, Span<float> destination, ICollection<string> unseenFields, out string? invalidField)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(unseenFields);
        CheckRow(row, NumericCount, CategoricalCount, null);
        if (destination.Length < Width)
        {
            throw new ArgumentException($"The destination has {destination.Length} values, but an encoded event needs {Width}.", nameof(destination));
        }

        invalidField = null;
        destination[..Width].Clear();
        for (int n = 0; n < numericFields.Length; n++)
        {
            int field = numericFields[n];
            float scaled = (float)((row.Numbers[n] - Fields[field].Offset) / Fields[field].Scale);
            if (!float.IsFinite(scaled))
            {
                invalidField = Fields[field].Name;
                return false;
            }

            destination[offsets[field]] = scaled;
        }

        for (int c = 0; c < categoricalFields.Length; c++)
        {
            int field = categoricalFields[c];
            if (lookups[field].TryGetValue(row.Categories[c] ?? "", out int index))
            {
                destination[offsets[field] + index] = 1f;
                continue;
            }

            destination[offsets[field] + Fields[field].Vocabulary!.Length] = 1f;
            unseenFields.Add(Fields[field].Name);
        }

        return true;
    }

    /// <summary>Encodes every row into a batch of [count, <see cref="Width"/>, 1], the input of a dense model.</summary>
    /// <exception cref="ArgumentException">A row does not match the schema or has a number that is not finite.</exception>
    public WindowBatch EncodeAll(IReadOnlyList<FeatureRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var values = new float[(long)rows.Count * Width];
        for (int i = 0; i < rows.Count; i++)
        {
            Encode(rows[i], values.AsSpan(i * Width, Width));
        }

        return new WindowBatch(values, rows.Count, Width, 1);
    }

    /// <summary>
    /// Sums per-column residuals into one residual per field, in <see cref="Fields"/> order: a numeric field's own column,
    /// and all one-hot and unseen columns of a categorical field.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="columnResiduals"/> does not have <see cref="Width"/> values.</exception>
    public float[] FieldResiduals(ReadOnlySpan<float> columnResiduals)
    {
        if (columnResiduals.Length != Width)
        {
            throw new ArgumentException($"Got {columnResiduals.Length} column residuals, but the encoder has {Width} columns.", nameof(columnResiduals));
        }

        var residuals = new float[Fields.Count];
        for (int i = 0; i < Fields.Count; i++)
        {
            float sum = 0;
            foreach (float value in columnResiduals.Slice(offsets[i], Fields[i].Width))
            {
                sum += value;
            }

            residuals[i] = sum;
        }

        return residuals;
    }

    private int NumericIndex(string name) => Array.FindIndex(numericFields, field => Fields[field].Name == name);

    private static EncodedField FitNumeric(FeatureField field, IReadOnlyList<FeatureRow> rows, int index)
    {
        double offset;
        double scale;
        if (field.Scaling == FeatureScaling.MinMax)
        {
            double min = double.PositiveInfinity;
            double max = double.NegativeInfinity;
            foreach (FeatureRow row in rows)
            {
                min = Math.Min(min, row.Numbers[index]);
                max = Math.Max(max, row.Numbers[index]);
            }

            offset = min;
            scale = max - min;
        }
        else
        {
            double sum = 0;
            foreach (FeatureRow row in rows)
            {
                sum += row.Numbers[index];
            }

            double mean = sum / rows.Count;
            double squares = 0;
            foreach (FeatureRow row in rows)
            {
                squares += (row.Numbers[index] - mean) * (row.Numbers[index] - mean);
            }

            offset = mean;
            scale = Math.Sqrt(squares / rows.Count);
        }

        // A constant field is shifted but not scaled, so a later change shows up in its own units instead of exploding.
        if (!(scale > 1e-12) || !double.IsFinite(scale))
        {
            scale = 1;
        }

        return new EncodedField(field.Name, FeatureKind.Numeric, field.Scaling, offset, scale, null);
    }

    private static EncodedField FitCategorical(FeatureField field, IReadOnlyList<FeatureRow> rows, int index)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (FeatureRow row in rows)
        {
            string value = row.Categories[index] ?? "";
            counts[value] = counts.GetValueOrDefault(value) + 1;
        }

        string[] vocabulary = counts
            .OrderByDescending(pair => pair.Value)
            .ThenBy(pair => pair.Key, StringComparer.Ordinal)
            .Take(field.MaxCategories)
            .Select(pair => pair.Key)
            .ToArray();
        return new EncodedField(field.Name, FeatureKind.Categorical, field.Scaling, 0, 1, vocabulary);
    }

    private static void CheckRow(FeatureRow row, int numericCount, int categoricalCount, int? index)
    {
        string subject = index is null ? "The event" : $"Event {index}";
        if (row.Numbers is null || row.Numbers.Length != numericCount || row.Categories is null || row.Categories.Length != categoricalCount)
        {
            throw new ArgumentException(
                $"{subject} has {row.Numbers?.Length ?? 0} numbers and {row.Categories?.Length ?? 0} categories, but the schema has " +
                $"{numericCount} numeric and {categoricalCount} categorical fields. Pass one value per field, in schema order.");
        }
    }

    private static void Check(IReadOnlyList<EncodedField> fields, IReadOnlyList<string> passThrough)
    {
        if (fields.Count == 0)
        {
            throw new ArgumentException("The event encoder has no fields; it needs at least one numeric or categorical field.");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (EncodedField field in fields)
        {
            if (string.IsNullOrEmpty(field?.Name) || !names.Add(field.Name))
            {
                throw new ArgumentException($"The event encoder has a field without a name or a repeated field '{field?.Name}'; each field needs a distinct name.");
            }

            bool valid = field.Kind switch
            {
                FeatureKind.Numeric => double.IsFinite(field.Offset) && double.IsFinite(field.Scale) && field.Scale > 0,
                FeatureKind.Categorical => field.Vocabulary is not null
                                           && field.Vocabulary.All(value => value is not null)
                                           && field.Vocabulary.Distinct(StringComparer.Ordinal).Count() == field.Vocabulary.Length,
                _ => false,
            };
            if (!valid)
            {
                throw new ArgumentException(
                    $"Event encoder field '{field.Name}' is invalid: a Numeric field needs a finite offset and a positive finite scale, " +
                    "a Categorical field a vocabulary of distinct values, and no other kind is encoded.");
            }
        }

        foreach (string name in passThrough)
        {
            if (string.IsNullOrEmpty(name) || !names.Add(name))
            {
                throw new ArgumentException($"The event encoder has a pass-through field without a name or a repeated field '{name}'; each field needs a distinct name.");
            }
        }
    }
}
