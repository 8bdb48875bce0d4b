using Confluent.Kafka;

namespace GanWatch.Streaming.Tests.Support;

/// <summary>Smooth test series (a slow sine around 10) with optional spikes of +50 at chosen point indices.</summary>
internal static class TestSeries
{
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset TimeOf(int index) => Start.AddSeconds(index);

    public static double ValueOf(string series, int index, ISet<int> spikes) =>
        10 + Math.Sin(index * 0.3 + series.Length) + (spikes.Contains(index) ? 50 : 0);

    /// <summary>Builds points <paramref name="from"/>..<paramref name="to"/> (exclusive) of each series, interleaved by index.</summary>
    public static List<(string Series, int Index, Message<byte[]?, byte[]?> Message)> Build(
        IReadOnlyDictionary<string, int[]> spikesBySeries, int from, int to)
    {
        var points = new List<(string, int, Message<byte[]?, byte[]?>)>();
        for (int i = from; i < to; i++)
        {
            foreach ((string series, int[] spikes) in spikesBySeries)
            {
                points.Add((series, i, KafkaTestCluster.Point(series, TimeOf(i), ValueOf(series, i, spikes.ToHashSet()))));
            }
        }

        return points;
    }
}
