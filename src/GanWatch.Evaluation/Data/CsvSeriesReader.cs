using System.Globalization;

namespace GanWatch.Evaluation.Data;

/// <summary>
/// Reads numeric CSV files into <see cref="TimeSeries"/>: NAB files (<c>timestamp,value</c> header) and
/// multichannel files with or without a header, such as SMD's text files.
/// </summary>
/// <remarks>
/// The first row is a header when any of its cells is not a number. A header column named
/// <see cref="CsvReadOptions.TimestampColumn"/> is parsed as timestamps such as <c>2014-04-01 00:00:00</c>, and every
/// other column is a channel. Quoted cells are not supported. Trailing empty lines are ignored.
/// Every failure is a <see cref="DataFormatException"/> that names the file and the 1-based line.
/// The methods are thread-safe.
/// </remarks>
public static class CsvSeriesReader
{
    /// <summary>
    /// Reads one file, or every <c>*.csv</c> and <c>*.txt</c> file of a folder sorted by ordinal file name.
    /// </summary>
    /// <exception cref="DataFormatException">The path does not exist, the folder has no such files, or a file is invalid.</exception>
    public static IReadOnlyList<TimeSeries> ReadPath(string path, CsvReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Directory.Exists(path) ? ReadFolder(path, options) : [Read(path, options)];
    }

    /// <summary>Reads every <c>*.csv</c> and <c>*.txt</c> file of a folder, sorted by ordinal file name.</summary>
    /// <exception cref="DataFormatException">The folder is missing or has no such files, or a file is invalid.</exception>
    public static IReadOnlyList<TimeSeries> ReadFolder(string folder, CsvReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (!Directory.Exists(folder))
        {
            throw new DataFormatException($"Folder '{folder}' not found; pass an existing folder of .csv or .txt files.");
        }

        var files = Directory.EnumerateFiles(folder)
            .Where(file => file.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)
                || file.EndsWith(".txt", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (files.Count == 0)
        {
            throw new DataFormatException($"Folder '{folder}' contains no .csv or .txt files; pass a folder with at least one series file.");
        }

        return files.Select(file => Read(file, options)).ToList();
    }

    /// <summary>Reads one file. The series name is the file name without its extension.</summary>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="DataFormatException">The file is missing, empty or malformed, or has fewer than <see cref="CsvReadOptions.MinimumRows"/> rows.</exception>
    public static TimeSeries Read(string path, CsvReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= new CsvReadOptions();
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid CSV read options: " + string.Join(" ", problems), nameof(options));
        }

        if (!File.Exists(path))
        {
            throw new DataFormatException($"File '{path}' not found; check the path.");
        }

        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (IOException exception)
        {
            throw new DataFormatException($"File '{path}' could not be read: {exception.Message}", exception);
        }

        var lineCount = lines.Length;
        while (lineCount > 0 && string.IsNullOrWhiteSpace(lines[lineCount - 1]))
        {
            lineCount--;
        }

        if (lineCount == 0)
        {
            throw new DataFormatException($"File '{path}' is empty; a series file needs at least {options.MinimumRows} data row(s).");
        }

        return Parse(path, lines.AsSpan(0, lineCount), options);
    }

    private static TimeSeries Parse(string path, ReadOnlySpan<string> lines, CsvReadOptions options)
    {
        var firstCells = lines[0].Split(options.Separator);
        var hasHeader = firstCells.Any(cell => !IsNumber(cell));
        var columnCount = firstCells.Length;
        var timestampColumn = -1;
        List<string> channelNames;
        if (hasHeader)
        {
            channelNames = [];
            for (var column = 0; column < columnCount; column++)
            {
                var name = firstCells[column].Trim();
                if (timestampColumn < 0 && string.Equals(name, options.TimestampColumn, StringComparison.OrdinalIgnoreCase))
                {
                    timestampColumn = column;
                }
                else
                {
                    channelNames.Add(name);
                }
            }
        }
        else
        {
            channelNames = Enumerable.Range(0, columnCount).Select(column => $"c{column}").ToList();
        }

        if (channelNames.Count == 0)
        {
            throw new DataFormatException(path, 1, "The header names no value column; add at least one numeric column.");
        }

        var firstDataLine = hasHeader ? 1 : 0;
        var rowCount = lines.Length - firstDataLine;
        if (rowCount < options.MinimumRows)
        {
            throw new DataFormatException(
                path,
                lines.Length,
                $"The file has {rowCount} data row(s) but at least {options.MinimumRows} are required; use a longer series or a smaller window.");
        }

        var values = new float[rowCount][];
        var timestamps = timestampColumn >= 0 ? new DateTime[rowCount] : null;
        for (var row = 0; row < rowCount; row++)
        {
            var lineIndex = firstDataLine + row;
            var lineNumber = lineIndex + 1;
            var cells = lines[lineIndex].Split(options.Separator);
            if (cells.Length != columnCount)
            {
                throw new DataFormatException(
                    path,
                    lineNumber,
                    $"The row has {cells.Length} cell(s) but line 1 has {columnCount}; every row needs the same number of columns.");
            }

            var rowValues = new float[channelNames.Count];
            var channel = 0;
            for (var column = 0; column < columnCount; column++)
            {
                if (column == timestampColumn)
                {
                    timestamps![row] = ParseTimestamp(path, lineNumber, column, cells[column]);
                }
                else
                {
                    rowValues[channel++] = ParseValue(path, lineNumber, column, cells[column]);
                }
            }

            values[row] = rowValues;
        }

        return new TimeSeries(Path.GetFileNameWithoutExtension(path), timestamps, values, channelNames);
    }

    private static bool IsNumber(string cell) =>
        double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    private static float ParseValue(string path, int lineNumber, int column, string cell)
    {
        if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw new DataFormatException(
                path,
                lineNumber,
                $"Column {column + 1} contains '{cell}', which is not a number; fix or remove the row.");
        }

        if (!double.IsFinite(value) || !float.IsFinite((float)value))
        {
            throw new DataFormatException(
                path,
                lineNumber,
                $"Column {column + 1} contains '{cell}', which is not a finite single-precision number; replace NaN, Infinity and overflowing values.");
        }

        return (float)value;
    }

    private static DateTime ParseTimestamp(string path, int lineNumber, int column, string cell)
    {
        if (!DateTime.TryParse(cell, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var timestamp))
        {
            throw new DataFormatException(
                path,
                lineNumber,
                $"Column {column + 1} contains '{cell}', which is not a timestamp; use the form 2014-04-01 00:00:00.");
        }

        return timestamp;
    }
}
