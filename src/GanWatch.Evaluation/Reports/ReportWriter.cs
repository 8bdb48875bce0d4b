using GanWatch.Evaluation.Nab;
using GanWatch.Evaluation.Runs;
using GanWatch.Evaluation.Smd;

namespace GanWatch.Evaluation.Reports;

/// <summary>
/// Writes an evaluation report folder: <c>summary.md</c> (see <see cref="MarkdownSummary"/>) and one PNG per NAB series
/// or SMD machine under <c>plots/</c> (see <see cref="SeriesPlot"/>). Existing files are replaced. The methods are
/// thread-safe for different series or machines.
/// </summary>
public static class ReportWriter
{
    /// <summary>The summary file name.</summary>
    public const string SummaryFileName = "summary.md";

    /// <summary>The plot width in pixels.</summary>
    public const int PlotWidth = 1600;

    /// <summary>The plot height in pixels.</summary>
    public const int PlotHeight = 600;

    /// <summary>Returns the plot of a NAB series relative to the report folder: <c>plots/&lt;category&gt;/&lt;name&gt;.png</c>, with forward slashes.</summary>
    public static string GetNabPlotPath(NabSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        return series.Category.Length == 0 ? $"plots/{series.FileName}.png" : $"plots/{series.Category}/{series.FileName}.png";
    }

    /// <summary>Returns the plot of an SMD machine relative to the report folder: <c>plots/&lt;machine&gt;.png</c>.</summary>
    public static string GetSmdPlotPath(string machine)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(machine);
        return $"plots/{machine}.png";
    }

    /// <summary>Writes the plot of every series and the summary of a NAB run, and returns the summary's path.</summary>
    /// <param name="folder">The report folder; created when missing.</param>
    /// <param name="run">The run.</param>
    /// <param name="info">The command, date, machine and wall time.</param>
    /// <param name="printedTables">The score tables as the command printed them.</param>
    /// <exception cref="IOException">A file could not be written.</exception>
    public static string WriteNab(string folder, NabRunResult run, ReportRunInfo info, string printedTables)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(run);
        foreach (var series in run.Series)
        {
            SeriesPlot.ForNab(series, run.OwnThreshold).SavePng(Resolve(folder, GetNabPlotPath(series.Series)), PlotWidth, PlotHeight);
        }

        return WriteSummary(folder, MarkdownSummary.ForNab(run, info, printedTables));
    }

    /// <summary>
    /// Writes the plot of one SMD machine and returns its path. Call it as each machine finishes, so that its test
    /// rows need not stay in memory until the summary.
    /// </summary>
    /// <exception cref="ArgumentException">The result has no per-row scores for the machine's test rows.</exception>
    /// <exception cref="IOException">The file could not be written.</exception>
    public static string WriteSmdPlot(string folder, SmdMachine machine, SmdMachineResult result)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(result);
        var path = Resolve(folder, GetSmdPlotPath(result.Machine));
        SeriesPlot.ForSmd(machine, result).SavePng(path, PlotWidth, PlotHeight);
        return path;
    }

    /// <summary>Writes the summary of an SMD run and returns its path; the plots come from <see cref="WriteSmdPlot"/>.</summary>
    /// <exception cref="IOException">The file could not be written.</exception>
    public static string WriteSmdSummary(string folder, IReadOnlyList<SmdMachineResult> results, ReportRunInfo info, string printedTables)
    {
        ArgumentNullException.ThrowIfNull(folder);
        return WriteSummary(folder, MarkdownSummary.ForSmd(results, info, printedTables));
    }

    private static string WriteSummary(string folder, string text)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, SummaryFileName);
        File.WriteAllText(path, text);
        return path;
    }

    private static string Resolve(string folder, string relativePath) =>
        Path.Combine(folder, relativePath.Replace('/', Path.DirectorySeparatorChar));
}
