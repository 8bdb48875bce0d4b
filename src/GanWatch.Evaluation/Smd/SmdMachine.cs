using System.Globalization;
using GanWatch.Evaluation.Data;

namespace GanWatch.Evaluation.Smd;

/// <summary>
/// One machine of the Server Machine Dataset: <c>train/&lt;machine&gt;.txt</c>, <c>test/&lt;machine&gt;.txt</c>,
/// <c>test_label/&lt;machine&gt;.txt</c> (one 0 or 1 per test row) and <c>interpretation_label/&lt;machine&gt;.txt</c>
/// (lines <c>start-end:dim,dim,...</c>).
/// </summary>
/// <param name="Name">The machine name, for example <c>machine-1-2</c>.</param>
/// <param name="Train">The training rows.</param>
/// <param name="Test">The test rows.</param>
/// <param name="Labels">One label per test row: true when anomalous.</param>
/// <param name="Segments">The interpretation labels, sorted by start row.</param>
public sealed record SmdMachine(string Name, TimeSeries Train, TimeSeries Test, bool[] Labels, IReadOnlyList<SmdAnomalySegment> Segments)
{
    /// <summary>Loads one machine from an SMD folder.</summary>
    /// <param name="folder">The SMD root folder with the train, test, test_label and interpretation_label folders.</param>
    /// <param name="machineName">The machine name without extension.</param>
    /// <exception cref="DataFormatException">A file is missing or malformed, or the files disagree on rows or channels.</exception>
    public static SmdMachine Load(string folder, string machineName)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentException.ThrowIfNullOrWhiteSpace(machineName);
        var fileName = machineName + ".txt";
        var train = CsvSeriesReader.Read(Path.Combine(folder, "train", fileName));
        var test = CsvSeriesReader.Read(Path.Combine(folder, "test", fileName));
        if (train.ChannelCount != test.ChannelCount)
        {
            throw new DataFormatException(
                $"Machine '{machineName}' has {train.ChannelCount} train channels but {test.ChannelCount} test channels; the files must have the same columns.");
        }

        var labelsPath = Path.Combine(folder, "test_label", fileName);
        var labels = ReadLabels(labelsPath, test.RowCount);
        var segmentsPath = Path.Combine(folder, "interpretation_label", fileName);
        var segments = ReadSegments(segmentsPath, test.RowCount, test.ChannelCount);
        return new SmdMachine(machineName, train, test, labels, segments);
    }

    private static bool[] ReadLabels(string path, int testRows)
    {
        var series = CsvSeriesReader.Read(path);
        if (series.ChannelCount != 1 || series.RowCount != testRows)
        {
            throw new DataFormatException(
                $"File '{path}' has {series.RowCount} rows of {series.ChannelCount} column(s), but the test file has {testRows} rows; it needs one 0 or 1 per test row.");
        }

        var labels = new bool[testRows];
        for (var row = 0; row < testRows; row++)
        {
            var value = series.Values[row][0];
            if (value is not (0f or 1f))
            {
                throw new DataFormatException(path, row + 1, $"The label is {value}; labels must be 0 or 1.");
            }

            labels[row] = value == 1f;
        }

        return labels;
    }

    private static List<SmdAnomalySegment> ReadSegments(string path, int testRows, int channels)
    {
        if (!File.Exists(path))
        {
            throw new DataFormatException($"File '{path}' not found; SMD machines need an interpretation_label file.");
        }

        var segments = new List<SmdAnomalySegment>();
        var lines = File.ReadAllLines(path);
        for (var index = 0; index < lines.Length; index++)
        {
            var line = lines[index].Trim();
            if (line.Length > 0)
            {
                segments.Add(ParseSegment(path, index + 1, line, testRows, channels));
            }
        }

        return segments.OrderBy(segment => segment.StartRow).ToList();
    }

    private static SmdAnomalySegment ParseSegment(string path, int lineNumber, string line, int testRows, int channels)
    {
        const string Expected = "use the form start-end:dim,dim with 0-based rows, an exclusive end and 1-based dims";
        var parts = line.Split(':');
        var range = parts[0].Split('-');
        if (parts.Length != 2 || range.Length != 2
            || !int.TryParse(range[0], NumberStyles.None, CultureInfo.InvariantCulture, out var start)
            || !int.TryParse(range[1], NumberStyles.None, CultureInfo.InvariantCulture, out var end))
        {
            throw new DataFormatException(path, lineNumber, $"'{line}' is not an interpretation label; {Expected}.");
        }

        if (end <= start || end > testRows)
        {
            throw new DataFormatException(path, lineNumber, $"Range {start}-{end} is empty or beyond the {testRows} test rows; {Expected}.");
        }

        var dims = new SortedSet<int>();
        foreach (var text in parts[1].Split(','))
        {
            if (!int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var dim) || dim < 1 || dim > channels)
            {
                throw new DataFormatException(path, lineNumber, $"Dim '{text}' is not a metric number from 1 to {channels}; {Expected}.");
            }

            dims.Add(dim - 1);
        }

        return new SmdAnomalySegment(start, end, dims.ToList());
    }
}
