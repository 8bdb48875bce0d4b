using System.Globalization;
using System.Text;
using GanWatch.Evaluation.Nab;
using GanWatch.Evaluation.Runs;

namespace GanWatch.Evaluation.Reports;

/// <summary>
/// Builds the <c>summary.md</c> of a report folder: how the run was made, the score tables as the command printed them,
/// and one table row per series or machine with its scores and a link to its plot.
/// </summary>
public static class MarkdownSummary
{
    /// <summary>Builds the summary of a NAB run; the per-series columns are scored at the run's own threshold.</summary>
    /// <param name="run">The run.</param>
    /// <param name="info">The command, date, machine and wall time.</param>
    /// <param name="printedTables">The score tables as the command printed them, copied into a code block.</param>
    public static string ForNab(NabRunResult run, ReportRunInfo info, string printedTables)
    {
        ArgumentNullException.ThrowIfNull(run);
        var text = Header("NAB", info, printedTables);
        text.AppendLine(Invariant($"## Series at the own threshold {run.OwnThreshold}"));
        text.AppendLine();
        text.AppendLine("Detections are rows whose anomaly score is at least the threshold. The standard score is the series' own NAB score with the standard profile (n/a for a series without windows).");
        text.AppendLine();
        text.AppendLine("| series | rows | windows | detected | missed | false-positive rows | standard score | max anomaly score | plot |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var series in run.Series)
        {
            var score = ScoreSeries(series, run.OwnThreshold);
            string standard = series.Series.Windows.Count == 0 ? "n/a" : Invariant($"{score.NormalizedScore:F1}");
            text.AppendLine(Invariant(
                $"| {Escape(series.Series.RelativePath)} | {series.Series.Data.RowCount} | {series.Series.Windows.Count} | {score.DetectedWindows} | {score.MissedWindows} | {score.FalsePositiveRows} | {standard} | {series.AnomalyScores.Max():F3} | {Link(ReportWriter.GetNabPlotPath(series.Series))} |"));
        }

        return text.ToString();
    }

    /// <summary>Builds the summary of an SMD run, one row per machine in the given order.</summary>
    /// <param name="results">The machine results.</param>
    /// <param name="info">The command, date, machine and wall time.</param>
    /// <param name="printedTables">The score table as the command printed it, copied into a code block.</param>
    public static string ForSmd(IReadOnlyList<SmdMachineResult> results, ReportRunInfo info, string printedTables)
    {
        ArgumentNullException.ThrowIfNull(results);
        var text = Header("SMD", info, printedTables);
        text.AppendLine("## Machines");
        text.AppendLine();
        text.AppendLine("Point-wise and point-adjusted (PA) metrics at each machine's label-free threshold; the best F1 is chosen with the labels.");
        text.AppendLine();
        text.AppendLine("| machine | threshold | precision | recall | F1 | PA-F1 | HitRate@100% | HitRate@150% | best F1 | plot |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var result in results)
        {
            text.AppendLine(Invariant(
                $"| {Escape(result.Machine)} | {result.Threshold:F3} | {result.PointWise.Precision:F3} | {result.PointWise.Recall:F3} | {result.PointWise.F1:F3} | {result.PointAdjusted.F1:F3} | {result.HitRate100:F3} | {result.HitRate150:F3} | {result.BestF1:F3} | {Link(ReportWriter.GetSmdPlotPath(result.Machine))} |"));
        }

        return text.ToString();
    }

    private static StringBuilder Header(string benchmark, ReportRunInfo info, string printedTables)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(printedTables);
        var text = new StringBuilder();
        text.AppendLine($"# GanWatch evaluation report: {benchmark}");
        text.AppendLine();
        text.AppendLine($"- Command: `{info.CommandLine}`");
        text.AppendLine(Invariant($"- Started: {info.StartedUtc.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC"));
        text.AppendLine($"- Machine: {info.Machine}");
        text.AppendLine(Invariant($"- Wall time: {info.WallTime.TotalSeconds:F0} s"));
        text.AppendLine();
        text.AppendLine("## Scores");
        text.AppendLine();
        text.AppendLine("```");
        text.AppendLine(printedTables.TrimEnd());
        text.AppendLine("```");
        text.AppendLine();
        return text;
    }

    private static NabScore ScoreSeries(NabSeriesResult series, double threshold)
    {
        var windows = series.Series.Windows.Select(window => (window.StartRow, window.EndRow)).ToList();
        var weights = NabRowWeights.Create(series.Series.RelativePath, series.Series.Data.RowCount, windows, NabScoring.DefaultProbationFraction);
        var scorer = new NabScorer([weights], series.Series.Labels.Count);
        return scorer.ScoreAtThreshold([series.AnomalyScores], threshold, NabProfile.Standard);
    }

    private static string Link(string relativePath) => $"[plot]({relativePath})";

    private static string Escape(string cell) => cell.Replace("|", "\\|", StringComparison.Ordinal);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
