using System.Globalization;
using System.Text;

namespace GanWatch.Evaluation.Nab;

/// <summary>
/// Writes detector output in NAB's results layout, <c>&lt;root&gt;/&lt;detector&gt;/&lt;category&gt;/&lt;detector&gt;_&lt;file&gt;.csv</c>,
/// with the columns <c>timestamp,value,anomaly_score,label</c>. The label is 1 inside a scoring window, as in NAB's
/// own results files. The methods are thread-safe for distinct output files.
/// </summary>
public static class NabResultsWriter
{
    /// <summary>Writes the results file of one series and returns its path. Creates folders as needed and overwrites an existing file.</summary>
    /// <param name="resultsRoot">The results folder, for example <c>results</c>.</param>
    /// <param name="detectorName">The detector name, used as folder and file prefix; must be a valid file name.</param>
    /// <param name="series">The series that was scored.</param>
    /// <param name="anomalyScores">One score per row in [0, 1].</param>
    /// <exception cref="ArgumentException">The detector name is not a valid file name, or the score count does not match the rows.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A score is outside [0, 1] or NaN.</exception>
    public static string Write(string resultsRoot, string detectorName, NabSeries series, IReadOnlyList<double> anomalyScores)
    {
        ArgumentNullException.ThrowIfNull(resultsRoot);
        ArgumentException.ThrowIfNullOrWhiteSpace(detectorName);
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(anomalyScores);
        if (detectorName.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
        {
            throw new ArgumentException($"Detector name '{detectorName}' contains characters that are invalid in file names.", nameof(detectorName));
        }

        var rowCount = series.Data.RowCount;
        if (anomalyScores.Count != rowCount)
        {
            throw new ArgumentException($"Series '{series.RelativePath}' has {rowCount} rows but {anomalyScores.Count} scores were given.", nameof(anomalyScores));
        }

        for (var row = 0; row < rowCount; row++)
        {
            if (!(anomalyScores[row] >= 0.0 && anomalyScores[row] <= 1.0))
            {
                throw new ArgumentOutOfRangeException(
                    nameof(anomalyScores),
                    anomalyScores[row],
                    $"Series '{series.RelativePath}' row {row} has an anomaly score outside [0, 1]; NAB results need scores in [0, 1].");
            }
        }

        var folder = Path.Combine(resultsRoot, detectorName, series.Category);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{detectorName}_{series.FileName}.csv");
        var labels = series.GetWindowLabels();
        var timestamps = series.Data.Timestamps;
        var values = series.Data.Values;

        var text = new StringBuilder("timestamp,value,anomaly_score,label\n");
        for (var row = 0; row < rowCount; row++)
        {
            var timestamp = timestamps is null ? row.ToString(CultureInfo.InvariantCulture) : timestamps[row].ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            text.Append(timestamp).Append(',')
                .Append(values[row][0].ToString("R", CultureInfo.InvariantCulture)).Append(',')
                .Append(anomalyScores[row].ToString("R", CultureInfo.InvariantCulture)).Append(',')
                .Append(labels[row] ? '1' : '0').Append('\n');
        }

        File.WriteAllText(path, text.ToString());
        return path;
    }
}
