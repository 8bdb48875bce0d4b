using System.Globalization;
using System.Reflection;
using System.Text;
using TorchSharp;

namespace GanWatch.Benchmarks.Comparison;

/// <summary>Formats <see cref="ComparisonResults"/> as Markdown: settings, an agreement table and a speed table.</summary>
public static class ComparisonReport
{
    public static string ToMarkdown(ComparisonResults results, IReadOnlyList<string> arguments)
    {
        var options = results.Options;
        var text = new StringBuilder();
        text.AppendLine(Invariant($"Command: `dotnet run -c Release --project benchmarks/GanWatch.Benchmarks -- compare{(arguments.Count > 0 ? " " + string.Join(' ', arguments) : "")}`"));
        text.AppendLine();
        text.AppendLine(Invariant($"- Run: {results.StartedAt:yyyy-MM-dd HH:mm} UTC, {results.Duration.TotalSeconds:F0} s in all."));
        text.AppendLine(Invariant($"- Machine: {Environment.ProcessorCount} cores, {MachineDescription.CpuModel()}; 1-minute load average {results.LoadAverageBefore:F2} before and {results.LoadAverageAfter:F2} after."));
        text.AppendLine(Invariant($"- GanWatch: TorchSharp {TorchSharpVersion()}, {options.Threads} torch thread(s)."));
        text.AppendLine(Invariant($"- PyTorch: {results.PyTorchVersion} through {options.PythonPath}, {options.Threads} torch thread(s), BLAS {results.PyTorchBlas}."));
        text.AppendLine(Invariant($"- Models: latent 32, widths 64 (the engine's defaults), {options.Shapes.Count} shapes, the same saved weights on both sides."));
        text.AppendLine(Invariant($"- Each timing scores one batch once to warm up, then again until {options.MinSeconds} s have passed. The sides take turns, case by case, for {options.Repetitions} repetitions; odd repetitions start with GanWatch, even ones with PyTorch."));
        text.AppendLine();

        text.AppendLine("Agreement of the window scores on the timed batches (largest differences over the batch):");
        text.AppendLine();
        text.AppendLine("| mode | batch x window x channels | max absolute difference | max relative difference |");
        text.AppendLine("|---|---|---|---|");
        foreach (var row in results.Agreement)
        {
            text.AppendLine(Invariant($"| {row.Mode} | {row.Shape} | {row.MaxAbsoluteDifference:0.0E+0} | {row.MaxRelativeDifference:0.0E+0} |"));
        }

        text.AppendLine();
        text.AppendLine("Speed in windows per second, median (min to max) over the repetitions, and the ratio GanWatch / PyTorch of each interleaved pair (above 1: GanWatch is faster):");
        text.AppendLine();
        text.AppendLine("| mode | batch | window | channels | GanWatch windows/s | PyTorch windows/s | ratio min | ratio median | ratio max |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var row in results.Timings)
        {
            var ratios = row.Ratios.ToArray();
            text.AppendLine(Invariant(
                $"| {row.Mode} | {row.Shape.BatchSize} | {row.Shape.WindowLength} | {row.Shape.Channels} | {Spread(row.GanWatch)} | {Spread(row.PyTorch)} | {ratios.Min():F2} | {Median(ratios):F2} | {ratios.Max():F2} |"));
        }

        text.AppendLine();
        text.AppendLine("Per mode, over the shapes above (each shape counted by its median ratio):");
        text.AppendLine();
        text.AppendLine("| mode | lowest shape median | median of shape medians | highest shape median |");
        text.AppendLine("|---|---|---|---|");
        foreach (var group in results.Timings.GroupBy(t => t.Mode))
        {
            var medians = group.Select(t => Median(t.Ratios.ToArray())).ToArray();
            text.AppendLine(Invariant($"| {group.Key} | {medians.Min():F2} | {Median(medians):F2} | {medians.Max():F2} |"));
        }

        return text.ToString();
    }

    private static string Spread(IReadOnlyList<double> values) =>
        Invariant($"{Median(values.ToArray()):N0} ({values.Min():N0} to {values.Max():N0})");

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static string TorchSharpVersion() =>
        typeof(torch).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(torch).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
