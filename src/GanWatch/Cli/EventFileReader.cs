using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using GanWatch.Engine.Features;
using GanWatch.Evaluation.Data;
using GanWatch.Streaming.Events;

namespace GanWatch.Cli;

/// <summary>
/// Reads training events for <c>ganwatch train --events</c>: a schema file, and events as JSON lines (one object per
/// line) or as CSV with a header row (a <c>.csv</c> file; no quoted values).
/// </summary>
internal static class EventFileReader
{
    private static readonly JsonSerializerOptions SchemaJson = new()
    {
        PropertyNameCaseInsensitive = true,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>
    /// Reads a schema file: the same JSON object as <c>Stream:EventSchema</c>, whose <c>Fields</c> entries have
    /// <c>Name</c>, <c>Kind</c> and, for training, <c>Scaling</c> and <c>MaxCategories</c>. Other properties are ignored.
    /// </summary>
    /// <exception cref="DataFormatException">The file is missing, not valid JSON, or the schema is invalid.</exception>
    public static FeatureSchema ReadSchema(string path)
    {
        if (!File.Exists(path))
        {
            throw new DataFormatException($"Schema file '{path}' not found; write the event schema as JSON, as in the README's Formats section.");
        }

        FeatureSchema? schema;
        try
        {
            schema = JsonSerializer.Deserialize<FeatureSchema>(File.ReadAllText(path), SchemaJson);
        }
        catch (JsonException error)
        {
            throw new DataFormatException($"Schema file '{path}' is not a valid event schema: {error.Message}");
        }

        if (schema is null)
        {
            throw new DataFormatException($"Schema file '{path}' contains JSON null; write an object with a Fields array.");
        }

        IReadOnlyList<string> problems = schema.Validate();
        if (problems.Count > 0)
        {
            throw new DataFormatException($"Schema file '{path}' is invalid: {string.Join(" ", problems)}");
        }

        return schema;
    }

    /// <summary>Reads every event of <paramref name="path"/>; a <c>.csv</c> file as CSV, anything else as JSON lines.</summary>
    /// <exception cref="DataFormatException">The file is missing or empty, or an event lacks a field or has a value of the wrong type; the message names the line and field.</exception>
    public static List<FeatureRow> ReadEvents(string path, FeatureSchema schema)
    {
        if (!File.Exists(path))
        {
            throw new DataFormatException($"Events file '{path}' not found.");
        }

        List<FeatureRow> rows = path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? ReadCsv(path, schema) : ReadJsonLines(path, schema);
        if (rows.Count < 2)
        {
            throw new DataFormatException($"Events file '{path}' has {rows.Count} event(s); training needs at least 2.");
        }

        return rows;
    }

    /// <summary>Reads JSON lines with the daemon's own <see cref="EventDecoder"/>, so training accepts exactly the events the daemon scores.</summary>
    private static List<FeatureRow> ReadJsonLines(string path, FeatureSchema schema)
    {
        var eventSchema = new EventSchemaOptions
        {
            Fields = schema.Fields.Select(field => new EventFieldOptions { Name = field.Name, Kind = ToEventKind(field.Kind) }).ToList(),
        };
        var rows = new List<FeatureRow>();
        int lineNumber = 0;
        foreach (string line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            EventDecodeResult decoded = EventDecoder.Decode([], Encoding.UTF8.GetBytes(line), int.MaxValue, eventSchema, Path.GetFileName(path));
            if (!decoded.IsSuccess)
            {
                throw new DataFormatException($"Line {lineNumber} of '{path}' is not a valid event: {decoded.Error}");
            }

            rows.Add(new FeatureRow(decoded.Event.Numbers, decoded.Event.Categories));
        }

        return rows;
    }

    private static EventFieldKind ToEventKind(FeatureKind kind) => kind switch
    {
        FeatureKind.Numeric => EventFieldKind.Numeric,
        FeatureKind.Categorical => EventFieldKind.Categorical,
        _ => EventFieldKind.PassThrough,
    };

    private static List<FeatureRow> ReadCsv(string path, FeatureSchema schema)
    {
        using var reader = new StreamReader(path);
        string? header = reader.ReadLine() ?? throw new DataFormatException($"Events file '{path}' is empty; it needs a header row of field names.");
        string[] names = header.Split(',').Select(name => name.Trim()).ToArray();
        var features = schema.Features.ToList();
        int[] columns = features.Select(field => Array.IndexOf(names, field.Name)).ToArray();
        int missing = Array.IndexOf(columns, -1);
        if (missing >= 0)
        {
            throw new DataFormatException($"The header of '{path}' has no column '{features[missing].Name}'; name every schema field in the header.");
        }

        var rows = new List<FeatureRow>();
        int lineNumber = 1;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            string[] cells = line.Split(',');
            if (cells.Length != names.Length)
            {
                throw new DataFormatException($"Line {lineNumber} of '{path}' has {cells.Length} values, but the header has {names.Length}.");
            }

            var numbers = new List<double>();
            var categories = new List<string>();
            for (int i = 0; i < features.Count; i++)
            {
                string cell = cells[columns[i]].Trim();
                if (features[i].Kind == FeatureKind.Categorical)
                {
                    categories.Add(cell);
                }
                else if (double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) && double.IsFinite(number))
                {
                    numbers.Add(number);
                }
                else
                {
                    throw new DataFormatException($"Line {lineNumber} of '{path}': field '{features[i].Name}' must be a finite number, got '{cell}'.");
                }
            }

            rows.Add(new FeatureRow(numbers.ToArray(), categories.ToArray()));
        }

        return rows;
    }
}
