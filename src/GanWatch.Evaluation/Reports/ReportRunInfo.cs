using System.Globalization;

namespace GanWatch.Evaluation.Reports;

/// <summary>How a report's numbers were produced: the command, when, on which machine and how long it took.</summary>
/// <param name="CommandLine">The command as typed, for example <c>ganwatch evaluate nab --data nab --report out</c>.</param>
/// <param name="StartedUtc">When the command started.</param>
/// <param name="WallTime">Wall time of the command up to the report.</param>
/// <param name="Machine">The machine, for example <c>2 logical processors, AMD EPYC 7B13</c>; see <see cref="DescribeMachine"/>.</param>
public sealed record ReportRunInfo(string CommandLine, DateTimeOffset StartedUtc, TimeSpan WallTime, string Machine)
{
    private const string CpuInfoPath = "/proc/cpuinfo";

    /// <summary>
    /// Returns <see cref="Environment.ProcessorCount"/> logical processors and the first <c>model name</c> of
    /// /proc/cpuinfo when that file exists and has one. Never throws: an unreadable file leaves the model out.
    /// </summary>
    public static string DescribeMachine()
    {
        string processors = string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} logical processors");
        string? model = ReadCpuModel();
        return model is null ? processors : $"{processors}, {model}";
    }

    /// <summary>Returns the command line of this process as <c>ganwatch arg arg ...</c>, quoting arguments that contain spaces.</summary>
    public static string CurrentCommandLine()
    {
        var arguments = Environment.GetCommandLineArgs().Skip(1).Select(argument => argument.Contains(' ', StringComparison.Ordinal) ? $"\"{argument}\"" : argument);
        return string.Join(' ', new[] { "ganwatch" }.Concat(arguments));
    }

    private static string? ReadCpuModel()
    {
        try
        {
            if (!File.Exists(CpuInfoPath))
            {
                return null;
            }

            var line = File.ReadLines(CpuInfoPath).FirstOrDefault(text => text.StartsWith("model name", StringComparison.Ordinal));
            int colon = line?.IndexOf(':', StringComparison.Ordinal) ?? -1;
            return colon < 0 ? null : line![(colon + 1)..].Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
