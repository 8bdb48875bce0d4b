using GanWatch.Streaming.Scoring;

namespace GanWatch.Streaming.Events;

/// <summary>
/// The fields of JSON events on the input topic. When <see cref="Processing.StreamProcessorOptions.EventSchema"/> is set, every
/// record is an event scored on its own (window length 1) by an <see cref="IEventModel"/> trained with the same fields.
/// </summary>
public sealed class EventSchemaOptions
{
    /// <summary>
    /// Field whose string value names the series an event belongs to: events of one series share a threshold and
    /// episodes. Default null: all events of the input topic form one series named after the topic.
    /// </summary>
    public string? SeriesField { get; set; }

    /// <summary>
    /// Field with the event time, an ISO 8601 string or Unix milliseconds, used in alerts and for episodes. Default null:
    /// the Kafka timestamp of the record.
    /// </summary>
    public string? TimestampField { get; set; }

    /// <summary>The fields, in the order the model was trained with. At least one must be numeric or categorical.</summary>
    public List<EventFieldOptions> Fields { get; set; } = [];

    /// <summary>The numeric fields' names, in order.</summary>
    public IReadOnlyList<string> NumericFields => Fields.Where(f => f.Kind == EventFieldKind.Numeric).Select(f => f.Name).ToList();

    /// <summary>The categorical fields' names, in order.</summary>
    public IReadOnlyList<string> CategoricalFields => Fields.Where(f => f.Kind == EventFieldKind.Categorical).Select(f => f.Name).ToList();

    /// <summary>The pass-through fields' names, in order.</summary>
    public IReadOnlyList<string> PassThroughFields => Fields.Where(f => f.Kind == EventFieldKind.PassThrough).Select(f => f.Name).ToList();

    /// <summary>Returns every problem with this schema; empty when it is valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Fields is null || Fields.Count == 0)
        {
            problems.Add("Fields is empty; list the event's fields, each with a Name and a Kind (Numeric, Categorical or PassThrough).");
            return problems;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < Fields.Count; i++)
        {
            EventFieldOptions? field = Fields[i];
            if (field is null || string.IsNullOrWhiteSpace(field.Name))
            {
                problems.Add($"Fields:{i}:Name is empty; set it to the field's JSON property name.");
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
        }

        if (!Fields.Any(f => f is not null && f.Kind is EventFieldKind.Numeric or EventFieldKind.Categorical))
        {
            problems.Add("No field is Numeric or Categorical; list at least one feature field.");
        }

        foreach ((string? name, string option) in new[] { (SeriesField, nameof(SeriesField)), (TimestampField, nameof(TimestampField)) })
        {
            if (name is not null && string.IsNullOrWhiteSpace(name))
            {
                problems.Add($"{option} is blank; set a field name or remove it.");
            }
        }

        return problems;
    }

    /// <summary>
    /// Returns why <paramref name="model"/> cannot score events of this schema: it is not an event model, or its numeric
    /// or categorical fields differ in name or order. Empty when it fits.
    /// </summary>
    public IReadOnlyList<string> Mismatches(IWindowModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model is not IEventModel events)
        {
            return [$"model {model.Version} scores series windows, not events; train it with 'ganwatch train --events' and this schema."];
        }

        var problems = new List<string>();
        AddMismatch(problems, "numeric", NumericFields, events.NumericFields, model.Version);
        AddMismatch(problems, "categorical", CategoricalFields, events.CategoricalFields, model.Version);
        return problems;
    }

    /// <summary>Whether <paramref name="other"/> lists the same fields, kinds, series field and timestamp field.</summary>
    public bool SameAs(EventSchemaOptions? other) =>
        other is not null
        && SeriesField == other.SeriesField
        && TimestampField == other.TimestampField
        && Fields.Select(f => (f.Name, f.Kind)).SequenceEqual(other.Fields.Select(f => (f.Name, f.Kind)));

    private static void AddMismatch(List<string> problems, string kind, IReadOnlyList<string> configured, IReadOnlyList<string> trained, string version)
    {
        if (!configured.SequenceEqual(trained, StringComparer.Ordinal))
        {
            problems.Add(
                $"the schema's {kind} fields are [{string.Join(", ", configured)}], but model {version} was trained on [{string.Join(", ", trained)}]; " +
                "list the fields the model was trained with, in the same order, or retrain the model.");
        }
    }
}
