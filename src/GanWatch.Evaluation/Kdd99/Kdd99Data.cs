using System.Globalization;
using System.IO.Compression;
using GanWatch.Engine.Features;
using GanWatch.Evaluation.Data;

namespace GanWatch.Evaluation.Kdd99;

/// <summary>
/// The KDD Cup 1999 connection records of one folder: the schema from <c>columns.txt</c>, every record's features,
/// and whether it is labelled <c>normal.</c>. The gzip file is read directly, never unpacked to disk.
/// </summary>
public sealed class Kdd99Data
{
    /// <summary>Name of the gzip CSV of records in a KDD99 folder.</summary>
    public const string DataFile = "kddcup.data_10_percent.gz";

    /// <summary>Name of the file that lists each column as <c>name,continuous</c> or <c>name,symbolic</c>.</summary>
    public const string ColumnsFile = "columns.txt";

    /// <summary>The label of normal connections, the anomaly class of the GAN papers' protocol.</summary>
    public const string NormalLabel = "normal.";

    private Kdd99Data(FeatureSchema schema, IReadOnlyList<FeatureRow> rows, string[] labels, IReadOnlyList<string> columns)
    {
        Schema = schema;
        Rows = rows;
        Labels = labels;
        IsNormal = labels.Select(label => label == NormalLabel).ToArray();
        Columns = columns;
    }

    /// <summary>Continuous columns as numeric fields (with the requested scaling) and symbolic ones as categorical fields.</summary>
    public FeatureSchema Schema { get; }

    /// <summary>Every record's features, in file order.</summary>
    public IReadOnlyList<FeatureRow> Rows { get; }

    /// <summary>Per record: its label, such as <c>normal.</c> or <c>smurf.</c>.</summary>
    public string[] Labels { get; }

    /// <summary>Per record: whether its label is <c>normal.</c>.</summary>
    public bool[] IsNormal { get; }

    /// <summary>The 41 feature column names, in file order, without the label.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Reads <see cref="ColumnsFile"/> and <see cref="DataFile"/> from <paramref name="folder"/>.</summary>
    /// <param name="folder">The KDD99 folder.</param>
    /// <param name="scaling">Scaling of the continuous columns.</param>
    /// <exception cref="DataFormatException">A file is missing, or a line has the wrong column count or a value that is not a number.</exception>
    public static Kdd99Data Load(string folder, FeatureScaling scaling = FeatureScaling.MinMax)
    {
        ArgumentNullException.ThrowIfNull(folder);
        string columnsPath = Path.Combine(folder, ColumnsFile);
        string dataPath = Path.Combine(folder, DataFile);
        foreach (string path in new[] { columnsPath, dataPath })
        {
            if (!File.Exists(path))
            {
                throw new DataFormatException($"File '{path}' not found; pass the KDD99 folder that contains {ColumnsFile} and {DataFile}.");
            }
        }

        var (names, symbolic) = ReadColumns(columnsPath);
        var schema = new FeatureSchema
        {
            Fields = names
                .Select((name, i) => new FeatureField { Name = name, Kind = symbolic[i] ? FeatureKind.Categorical : FeatureKind.Numeric, Scaling = scaling })
                .ToList(),
        };

        using var file = File.OpenRead(dataPath);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        var (rows, labels) = ReadRecords(reader, dataPath, symbolic);
        return new Kdd99Data(schema, rows, labels, names);
    }

    private static (List<string> Names, bool[] Symbolic) ReadColumns(string path)
    {
        var names = new List<string>();
        var symbolic = new List<bool>();
        int lineNumber = 0;
        foreach (string line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            string[] parts = line.Split(',');
            if (parts.Length != 2 || parts[1].Trim() is not ("continuous" or "symbolic"))
            {
                throw new DataFormatException($"Line {lineNumber} of '{path}' is '{line}'; each line must be 'name,continuous' or 'name,symbolic'.");
            }

            names.Add(parts[0].Trim());
            symbolic.Add(parts[1].Trim() == "symbolic");
        }

        if (names.Count < 2)
        {
            throw new DataFormatException($"'{path}' lists {names.Count} column(s); it needs the feature columns followed by the label column.");
        }

        // The last column is the label, not a feature.
        names.RemoveAt(names.Count - 1);
        symbolic.RemoveAt(symbolic.Count - 1);
        return (names, symbolic.ToArray());
    }

    private static (List<FeatureRow> Rows, string[] Labels) ReadRecords(StreamReader reader, string path, bool[] symbolic)
    {
        int numericCount = symbolic.Count(s => !s);
        int categoricalCount = symbolic.Length - numericCount;

        // Interning the few distinct category values keeps 500,000 records from holding millions of equal strings.
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var rows = new List<FeatureRow>();
        var labels = new List<string>();
        int lineNumber = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            string[] parts = line.Split(',');
            if (parts.Length != symbolic.Length + 1)
            {
                throw new DataFormatException($"Line {lineNumber} of '{path}' has {parts.Length} values, but {ColumnsFile} lists {symbolic.Length + 1} columns.");
            }

            var numbers = new double[numericCount];
            var categories = new string[categoricalCount];
            int n = 0;
            int c = 0;
            for (int column = 0; column < symbolic.Length; column++)
            {
                if (symbolic[column])
                {
                    categories[c++] = Intern(values, parts[column]);
                }
                else if (!double.TryParse(parts[column], NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[n++]) || !double.IsFinite(numbers[n - 1]))
                {
                    throw new DataFormatException($"Line {lineNumber} of '{path}', column {column + 1}, is '{parts[column]}'; continuous columns must be finite numbers.");
                }
            }

            rows.Add(new FeatureRow(numbers, categories));
            labels.Add(Intern(values, parts[^1]));
        }

        if (rows.Count == 0)
        {
            throw new DataFormatException($"'{path}' contains no records.");
        }

        return (rows, labels.ToArray());
    }

    private static string Intern(Dictionary<string, string> values, string value)
    {
        if (!values.TryGetValue(value, out string? shared))
        {
            values.Add(value, value);
            shared = value;
        }

        return shared;
    }
}
