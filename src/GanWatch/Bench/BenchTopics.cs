using GanWatch.Streaming.Kafka;

namespace GanWatch.Bench;

/// <summary>The input, alert and dead-letter topics of one bench mode, and the daemon settings that use them.</summary>
internal sealed record BenchTopics(string Mode, string Input, string Alerts, string DeadLetters)
{
    /// <summary>Creates the mode's topics on the cluster: the input topic with <paramref name="partitions"/> partitions, the others with one.</summary>
    public static BenchTopics Create(EmbeddedKafkaCluster cluster, string mode, int partitions)
    {
        var topics = new BenchTopics(mode, $"ganwatch-bench-{mode}-input", $"ganwatch-bench-{mode}-alerts", $"ganwatch-bench-{mode}-dead-letters");
        cluster.CreateTopic(topics.Input, partitions);
        cluster.CreateTopic(topics.Alerts, 1);
        cluster.CreateTopic(topics.DeadLetters, 1);
        return topics;
    }

    /// <summary>Returns the daemon's configuration for this mode: its own group, default stream settings otherwise.</summary>
    public Dictionary<string, string?> HostSettings(string bootstrapServers, string model) => new()
    {
        ["Stream:BootstrapServers"] = bootstrapServers,
        ["Stream:GroupId"] = $"ganwatch-bench-{Mode}",
        ["Stream:InputTopic"] = Input,
        ["Stream:AlertTopic"] = Alerts,
        ["Stream:DeadLetterTopic"] = DeadLetters,

        // The classic group protocol takes 44 s or more to rebalance on the mock cluster with the 45 s default.
        ["Stream:SessionTimeout"] = "00:00:06",
        ["Models:DefaultModel"] = model,
        ["Logging:LogLevel:Default"] = "Warning",

        // The bench prints its own tables; a metrics endpoint would only clash with a daemon on the same port.
        ["Metrics:Enabled"] = "false",
    };
}
