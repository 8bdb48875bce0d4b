using System.Globalization;
using System.Text.RegularExpressions;

namespace GanWatch.Tests.Support;

/// <summary>Reads facts from a daemon's console log lines.</summary>
public static partial class DaemonLog
{
    /// <summary>
    /// Returns the input partitions assigned to the daemon after its last rebalance: those of the last
    /// <c>Partitions assigned</c> line, or none after a later revoke or loss.
    /// </summary>
    public static IReadOnlySet<int> CurrentPartitions(string output)
    {
        var current = new HashSet<int>();
        foreach (string line in output.Split('\n'))
        {
            if (line.Contains("Partitions assigned:", StringComparison.Ordinal))
            {
                current = PartitionPattern().Matches(line).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToHashSet();
            }
            else if (line.Contains("Partitions revoked:", StringComparison.Ordinal) || line.Contains("Partitions lost", StringComparison.Ordinal))
            {
                current = [];
            }
        }

        return current;
    }

    /// <summary>Returns the record count of the <c>Stream processor stopped after N record(s)</c> line, or null before it.</summary>
    public static long? RecordsConsumed(string output)
    {
        Match match = StoppedPattern().Match(output);
        return match.Success ? long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    /// <summary>
    /// Returns the versions of the <c>Swapped in model ... version V (origin)</c> lines whose origin starts with
    /// <paramref name="origin"/>, such as <c>fine-tuned</c> or <c>imported</c>, in log order.
    /// </summary>
    public static List<string> SwappedVersions(string output, string origin) =>
        SwappedPattern().Matches(output)
            .Where(match => match.Groups["origin"].Value.StartsWith(origin, StringComparison.Ordinal))
            .Select(match => match.Groups["version"].Value)
            .ToList();

    [GeneratedRegex(@"Swapped in model \S+ version (?<version>\S+) \((?<origin>[^)]*)\)")]
    private static partial Regex SwappedPattern();

    [GeneratedRegex(@"\[\[(\d+)\]\]")]
    private static partial Regex PartitionPattern();

    [GeneratedRegex(@"Stream processor stopped after (\d+) record")]
    private static partial Regex StoppedPattern();
}
