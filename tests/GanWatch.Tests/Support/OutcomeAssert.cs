using GanWatch.Streaming.Alerts;

namespace GanWatch.Tests.Support;

/// <summary>Assertions that compare what the daemon published with <see cref="ExpectedOutcomes"/>.</summary>
public static class OutcomeAssert
{
    /// <summary>
    /// Asserts that every alert id matches its source, every spike alerted, and no record outside a spike window
    /// alerted. Repeats of one alert id are allowed (alerts are at least once).
    /// </summary>
    /// <returns>The number of repeated alerts: alerts minus distinct alert ids.</returns>
    public static int Alerts(ExpectedOutcomes expected, IReadOnlyList<Alert> alerts, string inputTopic)
    {
        foreach (Alert alert in alerts)
        {
            Assert.Equal(inputTopic, alert.Source.Topic);
            Assert.Equal(AlertId.Compute(alert.Source.Topic, alert.Source.Partition, alert.Source.Offset), alert.AlertId);
        }

        var distinct = alerts.Select(a => a.AlertId).ToHashSet(StringComparer.Ordinal);
        var missing = expected.SpikeAlertIds.Where(id => !distinct.Contains(id)).Select(expected.Describe).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} of {expected.SpikeAlertIds.Count} spike(s) did not alert: {string.Join("; ", missing)}");

        var unexpected = alerts.Where(a => !expected.AllowedAlertIds.Contains(a.AlertId))
            .Select(a => $"{expected.Describe(a.AlertId)} score {a.Score:F3} threshold {a.Threshold:F3}")
            .Distinct()
            .ToList();
        Assert.True(unexpected.Count == 0, $"{unexpected.Count} alert(s) on records outside every spike window: {string.Join("; ", unexpected)}");

        return alerts.Count - distinct.Count;
    }

    /// <summary>Asserts that the distinct dead letters are exactly the bad records, each with its expected reason.</summary>
    /// <returns>The number of repeated dead letters.</returns>
    public static int DeadLetters(ExpectedOutcomes expected, IReadOnlyList<(int Partition, long Offset, string Reason)> deadLetters)
    {
        var distinct = new Dictionary<(int Partition, long Offset), string>();
        foreach ((int partition, long offset, string reason) in deadLetters)
        {
            if (distinct.TryGetValue((partition, offset), out string? earlier))
            {
                Assert.Equal(earlier, reason);
            }

            distinct[(partition, offset)] = reason;
        }

        Assert.Equal(
            expected.DeadLetterReasons.OrderBy(p => p.Key).Select(p => $"{p.Key.Partition}/{p.Key.Offset} {p.Value}"),
            distinct.OrderBy(p => p.Key).Select(p => $"{p.Key.Partition}/{p.Key.Offset} {p.Value}"));
        return deadLetters.Count - distinct.Count;
    }
}
