using System.Globalization;
using Spectre.Console;

namespace GanWatch.Bench;

/// <summary>Prints a bench report as one table per mode: a column per run and, with several runs, min, median and max.</summary>
internal static class BenchTable
{
    private const double MiB = 1024 * 1024;

    public static void Print(IAnsiConsole console, BenchReport report)
    {
        IReadOnlyList<BenchRun> runs = report.Runs;
        BenchSettings settings = report.Settings;
        var full = new List<(string, Func<BenchRun, double>, string)>
        {
            ("records consumed by the daemon", r => r.FullSpeed.Records, "F0"),
            ("daemon records/s (first to last record)", r => r.FullSpeed.RecordsPerSecond, "F0"),
            ("ceiling consumer records read", r => r.FullSpeed.Ceiling.Records, "F0"),
            ("ceiling consumer records/s", r => r.FullSpeed.Ceiling.RecordsPerSecond, "F0"),
            ("daemon rate as % of ceiling", r => 100 * r.FullSpeed.ShareOfCeiling, "F1"),
            ("daemon processing time (s)", r => r.FullSpeed.Elapsed.TotalSeconds, "F1"),
            ("alerts", r => r.FullSpeed.Alerts, "F0"),
            ("process CPU per record (µs)", r => r.FullSpeed.CpuMicrosecondsPerRecord, "F1"),
            ("peak working set (MiB)", r => r.FullSpeed.Resources.PeakWorkingSet / MiB, "F0"),
            ("working set, median of first half (MiB)", r => r.FullSpeed.Resources.FirstHalfWorkingSet / MiB, "F0"),
            ("working set, median of second half (MiB)", r => r.FullSpeed.Resources.SecondHalfWorkingSet / MiB, "F0"),
        };
        Write(console, $"Full speed: {settings.Records:N0} pre-produced records, {settings.SeriesCount} series, {report.Partitions} partitions", runs, full);

        var rate = new List<(string, Func<BenchRun, double>, string)>
        {
            ("offered records/s", r => r.Rate.OfferedRate, "F0"),
            ("achieved records/s (producer)", r => r.Rate.AchievedRate, "F0"),
            ("records", r => r.Rate.Records, "F0"),
            ("alerts with a latency", r => r.Rate.LatenciesMs.Count, "F0"),
            ("alert latency p50 (ms)", r => r.Rate.LatencyPercentile(0.50), "F0"),
            ("alert latency p99 (ms)", r => r.Rate.LatencyPercentile(0.99), "F0"),
            ("alert latency p99.9 (ms)", r => r.Rate.LatencyPercentile(0.999), "F0"),
            ("processing lag, median (records)", r => r.Rate.MedianLag, "F0"),
            ("processing lag, max (records)", r => r.Rate.MaxLag, "F0"),
            ("drain after last record (s)", r => r.Rate.DrainTime.TotalSeconds, "F2"),
            ("process CPU per record (µs)", r => r.Rate.CpuMicrosecondsPerRecord, "F1"),
            ("peak working set (MiB)", r => r.Rate.Resources.PeakWorkingSet / MiB, "F0"),
            ("working set, median of first half (MiB)", r => r.Rate.Resources.FirstHalfWorkingSet / MiB, "F0"),
            ("working set, median of second half (MiB)", r => r.Rate.Resources.SecondHalfWorkingSet / MiB, "F0"),
        };
        Write(console, $"Fixed rate: {settings.Rate:N0} records/s for {settings.RateDuration.TotalSeconds:F0} s, spike every {settings.RateSpikeInterval} points per series", runs, rate);

        console.MarkupLine(Markup.Escape(settings.DaemonProcess
            ? "CPU and working set are the child daemon process's alone."
            : "CPU and working set are the bench process's: the daemon, the embedded cluster with every record, and the bench clients."));
        if (report.TrainingTime > TimeSpan.Zero)
        {
            console.MarkupLine(Markup.Escape($"Model training (window 32, width 16, {settings.TrainingSteps} steps): {report.TrainingTime.TotalSeconds:F1} s."));
        }
    }

    private static void Write(IAnsiConsole console, string title, IReadOnlyList<BenchRun> runs, List<(string Name, Func<BenchRun, double> Value, string Format)> rows)
    {
        var table = new Table().Title(Markup.Escape(title));
        table.AddColumn("measure");
        for (int i = 0; i < runs.Count; i++)
        {
            table.AddColumn(new TableColumn($"run {i + 1}").RightAligned());
        }

        if (runs.Count > 1)
        {
            table.AddColumns(new TableColumn("min").RightAligned(), new TableColumn("median").RightAligned(), new TableColumn("max").RightAligned());
        }

        foreach ((string name, Func<BenchRun, double> value, string format) in rows)
        {
            double[] values = runs.Select(value).ToArray();
            var cells = new List<string> { Markup.Escape(name) };
            cells.AddRange(values.Select(v => Format(v, format)));
            if (runs.Count > 1)
            {
                double[] sorted = values.Order().ToArray();
                cells.Add(Format(sorted[0], format));
                cells.Add(Format(Median(sorted), format));
                cells.Add(Format(sorted[^1], format));
            }

            table.AddRow(cells.ToArray());
        }

        console.Write(table);
    }

    private static double Median(double[] sorted) =>
        sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;

    private static string Format(double value, string format) =>
        double.IsNaN(value) ? "n/a" : value.ToString(format, CultureInfo.InvariantCulture);
}
