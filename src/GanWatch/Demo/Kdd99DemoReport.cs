using System.Globalization;
using System.Text.Json;
using GanWatch.Streaming.Alerts;
using Spectre.Console;

namespace GanWatch.Demo;

/// <summary>Prints a KDD99 demo run's alerts, with their top fields, and its summary.</summary>
internal static class Kdd99DemoReport
{
    public static void Print(IAnsiConsole console, Kdd99DemoResult result, int alertsShown)
    {
        var alerts = new Table().Title($"Alerts ({Math.Min(alertsShown, result.Alerts.Count)} of {result.Alerts.Count})");
        alerts.AddColumns("alert id (prefix)", "row", "score", "threshold", "top fields");
        foreach (Alert alert in result.Alerts.Take(alertsShown))
        {
            string row = alert.Fields is not null && alert.Fields.TryGetValue("row", out JsonElement value) ? value.GetRawText() : "";
            string fields = string.Join(", ", (alert.TopFields ?? []).Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Field} {f.Share:P0}")));
            alerts.AddRow(alert.AlertId[..12], row, F(alert.Score), F(alert.Threshold), Markup.Escape(fields));
        }

        console.Write(alerts);

        int normalAlerts = result.AlertIsNormal.Count(n => n);
        var summary = new Table().Title("Summary");
        summary.AddColumns("measure", "value");
        Add(summary, "records produced", result.RecordsProduced);
        Add(summary, "events scored", result.Counters.WindowsScored);
        Add(summary, "dead letters (malformed events)", result.Counters.DeadLetters);
        Add(summary, "unseen categories", string.Join(", ", result.Counters.UnseenCategories().Select(p => $"{p.Key} {p.Value}")) is { Length: > 0 } unseen ? unseen : "0");
        Add(summary, "alerts", result.Alerts.Count);
        Add(summary, "alerts on normal. connections (the anomaly class)", $"{normalAlerts} of {result.AlertIsNormal.Length}");
        Add(summary, "normal. connections replayed", result.ReplayedNormal);
        Add(summary, "training time", $"{result.TrainingTime.TotalSeconds:F1} s");
        Add(summary, "processing time", $"{result.ProcessingTime.TotalSeconds:F1} s");
        Add(summary, "throughput", $"{result.RecordsProduced / Math.Max(result.ProcessingTime.TotalSeconds, 1e-9):F0} events/s");
        console.Write(summary);
    }

    private static string F(double value) => value.ToString("F3", CultureInfo.InvariantCulture);

    private static void Add(Table table, string measure, object value) =>
        table.AddRow(Markup.Escape(measure), Markup.Escape(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""));
}
