using System.Globalization;
using GanWatch.Evaluation.Nab;
using GanWatch.Streaming.Alerts;
using Spectre.Console;

namespace GanWatch.Demo;

/// <summary>Prints a demo run's alerts and summary as tables.</summary>
internal static class DemoReport
{
    public static void Print(IAnsiConsole console, DemoResult result, int alertsShown)
    {
        PrintAlerts(console, result.Alerts, alertsShown);
        PrintSummary(console, result);
    }

    private static void PrintAlerts(IAnsiConsole console, IReadOnlyList<Alert> alerts, int alertsShown)
    {
        var table = new Table().Title($"Alerts ({Math.Min(alertsShown, alerts.Count)} of {alerts.Count})");
        table.AddColumns("alert id (prefix)", "series", "timestamp", "score", "threshold", "source");
        foreach (Alert alert in alerts.Take(alertsShown))
        {
            table.AddRow(
                alert.AlertId[..12],
                Markup.Escape(alert.Series),
                alert.Timestamp.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                alert.Score.ToString("F3", CultureInfo.InvariantCulture),
                alert.Threshold.ToString("F3", CultureInfo.InvariantCulture),
                $"{alert.Source.Partition}/{alert.Source.Offset}");
        }

        console.Write(table);
    }

    private static void PrintSummary(IAnsiConsole console, DemoResult result)
    {
        var table = new Table().Title("Summary");
        table.AddColumns("measure", "value");
        Add(table, "records produced", result.RecordsProduced);
        Add(table, "records consumed", result.Counters.RecordsConsumed);
        Add(table, "warm-up records", result.Counters.WarmUpRecords);
        Add(table, "windows scored", result.Counters.WindowsScored);
        Add(table, "alerts", result.Alerts.Count);
        Add(table, "distinct alert ids", result.DistinctAlertIds);
        Add(table, "suppressed windows (open episodes)", result.Counters.SuppressedWindows);
        Add(table, "dead letters", result.Counters.DeadLetters);
        Add(table, "out-of-order / duplicate timestamps", $"{result.Counters.OutOfOrder} / {result.Counters.Duplicates}");
        Add(table, "training time", $"{result.TrainingTime.TotalSeconds:F1} s");
        Add(table, "processing time", $"{result.ProcessingTime.TotalSeconds:F1} s");
        Add(table, "throughput", $"{result.Throughput:F0} records/s");

        if (result.Plan.Synthetic is not null)
        {
            (int detected, int injected, int falseAlerts) = result.SyntheticHits();
            Add(table, "injected anomalies detected", $"{detected} of {injected}");
            Add(table, "alerts outside injected anomalies", falseAlerts);
        }

        if (result.Plan.Nab is not null)
        {
            foreach (NabScore score in result.NabScores())
            {
                Add(table, $"NAB score, {score.Profile.Name} (daemon's own thresholds)", score.NormalizedScore.ToString("F1", CultureInfo.InvariantCulture));
            }
        }

        console.Write(table);
    }

    private static void Add(Table table, string measure, object value) =>
        table.AddRow(Markup.Escape(measure), Markup.Escape(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""));
}
