using GanWatch.Evaluation.Data;

namespace GanWatch.Evaluation.Nab;

/// <summary>One NAB data file with its scoring windows and anomaly labels.</summary>
/// <param name="RelativePath">The corpus key, <c>&lt;category&gt;/&lt;name&gt;.csv</c>, with forward slashes.</param>
/// <param name="Data">The series: one <c>value</c> channel with timestamps.</param>
/// <param name="Windows">The scoring windows sorted by start row.</param>
/// <param name="Labels">The labelled anomaly timestamps.</param>
public sealed record NabSeries(string RelativePath, TimeSeries Data, IReadOnlyList<NabWindow> Windows, IReadOnlyList<DateTime> Labels)
{
    /// <summary>The category folder, for example <c>realKnownCause</c>, or an empty string for a file directly under data/.</summary>
    public string Category => RelativePath.Contains('/', StringComparison.Ordinal) ? RelativePath[..RelativePath.LastIndexOf('/')] : string.Empty;

    /// <summary>The file name without extension, for example <c>nyc_taxi</c>.</summary>
    public string FileName => Path.GetFileNameWithoutExtension(RelativePath);

    /// <summary>Returns the value channel as doubles.</summary>
    public double[] GetValues() => Array.ConvertAll(Data.GetChannel(0), value => (double)value);

    /// <summary>Returns NAB's label per row: true inside a scoring window.</summary>
    public bool[] GetWindowLabels()
    {
        var labels = new bool[Data.RowCount];
        foreach (var window in Windows)
        {
            Array.Fill(labels, true, window.StartRow, window.RowCount);
        }

        return labels;
    }
}
