using System.Globalization;
using System.Text;

namespace GanWatch.Tests.Support;

/// <summary>
/// Connection-like JSON events with learnable structure: <c>bytes</c> is about twice <c>duration</c>, <c>load</c> is
/// uniform in [0, 10], and <c>protocol</c> is tcp (70 %) or udp. An outlier has a <c>load</c> of 60 to 70.
/// </summary>
public static class EventData
{
    /// <summary>The event schema, as written to a schema file and to <c>Stream:EventSchema</c>.</summary>
    public const string SchemaJson = """
        {
          "SeriesField": "host",
          "TimestampField": "ts",
          "Fields": [
            { "Name": "duration", "Kind": "Numeric" },
            { "Name": "protocol", "Kind": "Categorical" },
            { "Name": "bytes", "Kind": "Numeric" },
            { "Name": "load", "Kind": "Numeric", "Scaling": "Standard" },
            { "Name": "id", "Kind": "PassThrough" }
          ]
        }
        """;

    /// <summary>Time of event 0; event i is i seconds later.</summary>
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Returns one JSON event per line: normal events, with an outlier wherever <paramref name="isOutlier"/> returns true.</summary>
    public static List<string> Events(int count, int seed, Func<int, bool> isOutlier, string host = "h1", string? protocolOverride = null)
    {
        var random = new Random(seed);
        var events = new List<string>(count);
        for (int i = 0; i < count; i++)
        {
            double duration = Gaussian(random);
            double bytes = (2 * duration) + (0.1 * Gaussian(random));
            string protocol = protocolOverride ?? (random.NextDouble() < 0.7 ? "tcp" : "udp");
            double load = isOutlier(i) ? 60 + (10 * random.NextDouble()) : 10 * random.NextDouble();
            string ts = Start.AddSeconds(i).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            events.Add(string.Create(
                CultureInfo.InvariantCulture,
                $$"""{"ts": "{{ts}}", "host": "{{host}}", "id": "e{{i}}", "duration": {{duration:R}}, "protocol": "{{protocol}}", "bytes": {{bytes:R}}, "load": {{load:R}}}"""));
        }

        return events;
    }

    /// <summary>Returns an event as a record for <see cref="StreamProducer"/>, on partition <paramref name="partition"/>.</summary>
    public static StreamRecord Record(string json, int row, int partition, string? rejectReason = null) =>
        new("events", row, partition, null, Encoding.UTF8.GetBytes(json), false, rejectReason);

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
