using Confluent.Kafka;
using GanWatch.Streaming.Alerts;
using GanWatch.Streaming.Processing;

namespace GanWatch.Streaming.Tests.Support;

/// <summary>Builds spiky test streams and checks that every expected alert arrived, de-duplicated by alert id.</summary>
internal static class AlertExpectation
{
    public const int WindowLength = 8;

    /// <summary>Series <c>s0</c>..<c>s{n-1}</c>, each with a spike every <paramref name="spacing"/> points from point 20.</summary>
    public static Dictionary<string, int[]> Spikes(int series, int points, int spacing) =>
        Enumerable.Range(0, series).ToDictionary(
            s => $"s{s}",
            s => Enumerable.Range(0, points).Where(i => i >= 20 && (i + s) % spacing == 0).ToArray());

    /// <summary>Returns the alert ids that the spikes of <paramref name="points"/> must raise, given their delivery reports.</summary>
    public static HashSet<string> ExpectedIds(
        IReadOnlyDictionary<string, int[]> spikes,
        List<(string Series, int Index, Message<byte[]?, byte[]?> Message)> points,
        DeliveryResult<byte[]?, byte[]?>[] reports)
    {
        var expected = new HashSet<string>();
        for (int i = 0; i < points.Count; i++)
        {
            if (spikes[points[i].Series].Contains(points[i].Index))
            {
                TopicPartitionOffset source = reports[i].TopicPartitionOffset;
                expected.Add(AlertId.Compute(source.Topic, source.Partition.Value, source.Offset.Value));
            }
        }

        return expected;
    }

    /// <summary>Reads the alert topic and returns the distinct alert ids.</summary>
    public static HashSet<string> DeliveredIds(KafkaTestCluster kafka) =>
        kafka.ReadAll(KafkaTestCluster.AlertTopic).Select(r => AlertSerializer.Deserialize(r.Message.Value).AlertId).ToHashSet();

    /// <summary>Options with fast retries and a breaker that reacts within about a second, for fault tests.</summary>
    public static StreamProcessorOptions FastRetryOptions(KafkaTestCluster kafka, string groupId, int messageTimeoutMs)
    {
        StreamProcessorOptions options = kafka.CreateOptions(groupId);
        options.PublishResilience = new PublishResilienceOptions
        {
            MaxRetries = 40,
            BaseDelay = TimeSpan.FromMilliseconds(50),
            MaxDelay = TimeSpan.FromMilliseconds(400),
            FailureRatio = 0.5,
            MinimumThroughput = 4,
            SamplingDuration = TimeSpan.FromSeconds(2),
            BreakDuration = TimeSpan.FromSeconds(1),
        };
        options.ProducerConfig["message.timeout.ms"] = messageTimeoutMs.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return options;
    }
}
