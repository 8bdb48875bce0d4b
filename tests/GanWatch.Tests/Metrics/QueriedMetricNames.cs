using System.Text.Json;
using System.Text.RegularExpressions;

namespace GanWatch.Tests.Metrics;

/// <summary>Metric names used in the PromQL expressions of the Grafana dashboard and the alert rules.</summary>
public static partial class QueriedMetricNames
{
    /// <summary>Returns every PromQL expression of the dashboard: panel targets and template variable queries.</summary>
    public static List<string> DashboardExpressions(string dashboardPath)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(dashboardPath));
        var expressions = new List<string>();
        Collect(document.RootElement, expressions);
        return expressions;
    }

    /// <summary>
    /// Returns the <c>expr</c> of every rule in a Prometheus rule file, on one line (<c>expr: ...</c>) or as a block
    /// (<c>expr: |</c> and more-indented lines).
    /// </summary>
    public static List<string> RuleExpressions(string rulesPath)
    {
        string[] lines = File.ReadAllLines(rulesPath);
        var expressions = new List<string>();
        for (int i = 0; i < lines.Length; i++)
        {
            Match match = ExprLine().Match(lines[i]);
            if (!match.Success)
            {
                continue;
            }

            string value = match.Groups["value"].Value.Trim();
            if (value != "|" && value != ">")
            {
                expressions.Add(value);
                continue;
            }

            int indent = match.Groups["indent"].Length;
            var block = new List<string>();
            while (i + 1 < lines.Length && (lines[i + 1].Trim().Length == 0 || Indent(lines[i + 1]) > indent))
            {
                block.Add(lines[++i].Trim());
            }

            expressions.Add(string.Join(" ", block).Trim());
        }

        return expressions;
    }

    /// <summary>
    /// Returns the metric names in <paramref name="expressions"/> that start with one of <paramref name="prefixes"/>, with
    /// the histogram suffixes <c>_bucket</c>, <c>_sum</c> and <c>_count</c> removed.
    /// </summary>
    public static SortedSet<string> Names(IEnumerable<string> expressions, params string[] prefixes)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string expression in expressions)
        {
            foreach (Match match in MetricName().Matches(expression))
            {
                string name = HistogramSuffix().Replace(match.Value, "");
                if (prefixes.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal)))
                {
                    names.Add(name);
                }
            }
        }

        return names;
    }

    private static void Collect(JsonElement element, List<string> expressions)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (JsonProperty property in element.EnumerateObject())
            {
                if (property.Name is "expr" or "definition" && property.Value.ValueKind == JsonValueKind.String)
                {
                    expressions.Add(property.Value.GetString()!);
                }
                else
                {
                    Collect(property.Value, expressions);
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement item in element.EnumerateArray())
            {
                Collect(item, expressions);
            }
        }
    }

    private static int Indent(string line) => line.Length - line.TrimStart().Length;

    [GeneratedRegex(@"^(?<indent>\s*)expr:\s*(?<value>.*)$")]
    private static partial Regex ExprLine();

    [GeneratedRegex(@"\b[a-zA-Z_:][a-zA-Z0-9_:]*\b")]
    private static partial Regex MetricName();

    [GeneratedRegex("_(bucket|sum|count)$")]
    private static partial Regex HistogramSuffix();
}
