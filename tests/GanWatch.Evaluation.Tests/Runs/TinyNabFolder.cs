using System.Globalization;
using System.Text;

namespace GanWatch.Evaluation.Tests.Runs;

/// <summary>A one-series NAB folder in a temporary directory: a noisy sine with one spike inside a labelled window.</summary>
internal sealed class TinyNabFolder : IDisposable
{
    public const int Rows = 1000;
    public const int SpikeRow = 700;
    public const int WindowStart = 650;
    public const int WindowEnd = 750;
    public const string RelativePath = "artificialWithAnomaly/tiny_spike.csv";

    private readonly TempFolder folder = new();

    public TinyNabFolder()
    {
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
        var values = Values();
        var csv = new StringBuilder("timestamp,value\n");
        for (int row = 0; row < Rows; row++)
        {
            csv.Append(start.AddMinutes(5 * row).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)).Append(',').Append(values[row].ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }

        folder.Write("data/" + RelativePath, csv.ToString());
        folder.Write("labels/combined_windows.json", $"{{\"{RelativePath}\": [[\"{Timestamp(start, WindowStart)}\", \"{Timestamp(start, WindowEnd)}\"]]}}");
        folder.Write("labels/combined_labels.json", $"{{\"{RelativePath}\": [\"{Timestamp(start, SpikeRow)}\"]}}");
    }

    public string Path => folder.Path;

    /// <summary>Returns the series: a sine of period 50 rows with small deterministic noise and a spike of 8 at <see cref="SpikeRow"/>.</summary>
    public static double[] Values()
    {
        var random = new Random(7);
        var values = new double[Rows];
        for (int row = 0; row < Rows; row++)
        {
            values[row] = Math.Sin(2 * Math.PI * row / 50.0) + (0.05 * (random.NextDouble() - 0.5));
        }

        values[SpikeRow] += 8.0;
        return values;
    }

    public void Dispose() => folder.Dispose();

    private static string Timestamp(DateTime start, int row) =>
        start.AddMinutes(5 * row).ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture);
}
