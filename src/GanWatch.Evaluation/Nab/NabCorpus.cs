using System.Globalization;
using System.Text.Json;
using GanWatch.Evaluation.Data;

namespace GanWatch.Evaluation.Nab;

/// <summary>
/// A NAB corpus: the data files under <c>data/&lt;category&gt;/</c> with the windows of
/// <c>labels/combined_windows.json</c> and the labels of <c>labels/combined_labels.json</c>.
/// </summary>
public sealed class NabCorpus
{
    private NabCorpus(IReadOnlyList<NabSeries> series)
    {
        Series = series;
    }

    /// <summary>The series sorted by relative path.</summary>
    public IReadOnlyList<NabSeries> Series { get; }

    /// <summary>The number of labelled anomalies over all series, which sets NAB's perfect score.</summary>
    public int LabelCount => Series.Sum(series => series.Labels.Count);

    /// <summary>
    /// Loads every <c>data/&lt;category&gt;/*.csv</c> file of a NAB folder with its windows and labels.
    /// A window limit must equal a row timestamp, as in NAB. The window starts at the first row with its start
    /// timestamp after the previous window, and ends at the first row with its end timestamp, which is how NAB's
    /// sweeper matches windows in files with repeated timestamps.
    /// </summary>
    /// <exception cref="DataFormatException">
    /// A folder or labels file is missing or malformed, a data file has no entry in the labels files, or a window
    /// limit matches no row.
    /// </exception>
    public static NabCorpus Load(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var dataFolder = Path.Combine(folder, "data");
        if (!Directory.Exists(dataFolder))
        {
            throw new DataFormatException($"Folder '{dataFolder}' not found; pass the NAB root folder that contains data/ and labels/.");
        }

        var windowsPath = Path.Combine(folder, "labels", "combined_windows.json");
        var labelsPath = Path.Combine(folder, "labels", "combined_labels.json");
        var windowsByFile = ReadJson<Dictionary<string, List<List<string>>>>(windowsPath);
        var labelsByFile = ReadJson<Dictionary<string, List<string>>>(labelsPath);

        var files = Directory.EnumerateFiles(dataFolder, "*.csv", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(dataFolder, file).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (files.Count == 0)
        {
            throw new DataFormatException($"Folder '{dataFolder}' contains no .csv files; pass a NAB folder with data/<category>/<name>.csv files.");
        }

        var series = new List<NabSeries>();
        foreach (var relativePath in files)
        {
            if (!windowsByFile.TryGetValue(relativePath, out var windowLimits))
            {
                throw new DataFormatException($"File '{windowsPath}' has no entry for '{relativePath}'; add the file's windows (an empty list if none).");
            }

            if (!labelsByFile.TryGetValue(relativePath, out var labelTexts))
            {
                throw new DataFormatException($"File '{labelsPath}' has no entry for '{relativePath}'; add the file's labels (an empty list if none).");
            }

            var data = CsvSeriesReader.Read(Path.Combine(dataFolder, relativePath));
            if (data.Timestamps is null || data.ChannelCount != 1)
            {
                throw new DataFormatException($"File '{relativePath}' must have the header timestamp,value; it has the columns {string.Join(",", data.ChannelNames)}.");
            }

            var namedData = new TimeSeries(relativePath, data.Timestamps, data.Values, data.ChannelNames);
            var windows = MatchWindows(windowsPath, relativePath, data.Timestamps, windowLimits);
            var labels = labelTexts.Select(text => ParseTimestamp(labelsPath, relativePath, text)).ToList();
            series.Add(new NabSeries(relativePath, namedData, windows, labels));
        }

        return new NabCorpus(series);
    }

    private static List<NabWindow> MatchWindows(string windowsPath, string relativePath, DateTime[] timestamps, List<List<string>> limits)
    {
        var windows = new List<NabWindow>();
        var searchFrom = 0;
        foreach (var limit in limits)
        {
            if (limit.Count != 2)
            {
                throw new DataFormatException($"File '{windowsPath}' has a window of {limit.Count} timestamps for '{relativePath}'; each window needs [start, end].");
            }

            var start = ParseTimestamp(windowsPath, relativePath, limit[0]);
            var end = ParseTimestamp(windowsPath, relativePath, limit[1]);
            var startRow = Array.IndexOf(timestamps, start, searchFrom);
            var endRow = Array.IndexOf(timestamps, end);
            if (startRow < 0 || endRow < startRow)
            {
                throw new DataFormatException(
                    $"File '{windowsPath}' has window {limit[0]} to {limit[1]} for '{relativePath}', which does not match rows of the data file in order; window limits must be row timestamps.");
            }

            windows.Add(new NabWindow(start, end, startRow, endRow));
            searchFrom = endRow + 1;
        }

        return windows;
    }

    private static DateTime ParseTimestamp(string path, string relativePath, string text)
    {
        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var timestamp))
        {
            throw new DataFormatException($"File '{path}' has '{text}' for '{relativePath}', which is not a timestamp; use the form 2014-04-01 00:00:00.");
        }

        return timestamp;
    }

    private static T ReadJson<T>(string path)
    {
        if (!File.Exists(path))
        {
            throw new DataFormatException($"File '{path}' not found; a NAB folder needs labels/combined_windows.json and labels/combined_labels.json.");
        }

        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize<T>(stream)
                ?? throw new DataFormatException($"File '{path}' contains null; it must be a JSON object keyed by <category>/<name>.csv.");
        }
        catch (JsonException exception)
        {
            throw new DataFormatException(
                $"File '{path}' is not valid NAB labels JSON at line {exception.LineNumber + 1}: {exception.Message}",
                exception);
        }
    }
}
