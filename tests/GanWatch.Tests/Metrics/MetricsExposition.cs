using System.Globalization;
using System.Text.RegularExpressions;

namespace GanWatch.Tests.Metrics;

/// <summary>A parsed Prometheus text exposition (format 0.0.4): metric types and samples.</summary>
public sealed partial class MetricsExposition
{
    private readonly List<(string Name, Dictionary<string, string> Labels, double Value)> _samples = [];

    private MetricsExposition(string text)
    {
        Text = text;
        foreach (string line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            Match type = TypeLine().Match(line);
            if (type.Success)
            {
                Types[type.Groups["name"].Value] = type.Groups["type"].Value;
                continue;
            }

            Match sample = SampleLine().Match(line);
            if (sample.Success)
            {
                var labels = LabelPair().Matches(sample.Groups["labels"].Value)
                    .ToDictionary(pair => pair.Groups["key"].Value, pair => pair.Groups["value"].Value);
                _samples.Add((sample.Groups["name"].Value, labels, ParseValue(sample.Groups["value"].Value)));
            }
        }
    }

    /// <summary>The raw exposition, for failure messages.</summary>
    public string Text { get; }

    /// <summary>Type of every metric family by its <c># TYPE</c> line, such as <c>counter</c> or <c>histogram</c>.</summary>
    public Dictionary<string, string> Types { get; } = new(StringComparer.Ordinal);

    /// <summary>Parses an exposition.</summary>
    public static MetricsExposition Parse(string text) => new(text);

    /// <summary>Fetches and parses <paramref name="url"/>.</summary>
    public static async Task<MetricsExposition> ScrapeAsync(HttpClient client, string url, CancellationToken cancellationToken) =>
        new(await client.GetStringAsync(url, cancellationToken));

    /// <summary>Returns the samples named <paramref name="name"/> whose labels include every pair in <paramref name="labels"/>.</summary>
    public List<(Dictionary<string, string> Labels, double Value)> Samples(string name, params (string Key, string Value)[] labels) =>
        _samples
            .Where(sample => sample.Name == name && labels.All(label => sample.Labels.TryGetValue(label.Key, out string? value) && value == label.Value))
            .Select(sample => (sample.Labels, sample.Value))
            .ToList();

    /// <summary>Returns the value of the one sample that matches.</summary>
    /// <exception cref="Xunit.Sdk.XunitException">No sample or more than one matches.</exception>
    public double Value(string name, params (string Key, string Value)[] labels)
    {
        var matches = Samples(name, labels);
        Assert.True(matches.Count == 1,
            $"expected one sample of {name} with labels [{string.Join(", ", labels.Select(l => $"{l.Key}={l.Value}"))}], found {matches.Count}");
        return matches[0].Value;
    }

    private static double ParseValue(string text) => text switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    [GeneratedRegex(@"^# TYPE (?<name>\S+) (?<type>\S+)$")]
    private static partial Regex TypeLine();

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})? (?<value>\S+)( \S+)?$")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"(?<key>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<value>(\\.|[^""\\])*)""")]
    private static partial Regex LabelPair();
}
