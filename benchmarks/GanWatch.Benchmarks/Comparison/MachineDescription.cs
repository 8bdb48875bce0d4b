using System.Globalization;

namespace GanWatch.Benchmarks.Comparison;

/// <summary>Facts about the machine for a benchmark report: cores, CPU model and load average (Linux /proc files).</summary>
public static class MachineDescription
{
    /// <summary>Returns the "model name" line of /proc/cpuinfo, or "unknown" when it cannot be read.</summary>
    public static string CpuModel()
    {
        try
        {
            string? line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line is null ? "unknown" : line[(line.IndexOf(':') + 1)..].Trim();
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    /// <summary>Returns the 1-minute load average from /proc/loadavg, or NaN when it cannot be read.</summary>
    public static double LoadAverage()
    {
        try
        {
            string first = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            return double.Parse(first, CultureInfo.InvariantCulture);
        }
        catch (Exception error) when (error is IOException or FormatException)
        {
            return double.NaN;
        }
    }
}
