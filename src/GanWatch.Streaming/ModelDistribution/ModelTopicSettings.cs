using GanWatch.Streaming.Kafka;
using GanWatch.Streaming.Processing;

namespace GanWatch.Streaming.ModelDistribution;

/// <summary>Where model packages are published and read, and the largest chunk a package is split into.</summary>
public sealed record ModelTopicSettings
{
    /// <summary>Default <see cref="ChunkBytes"/>: 512 KiB, half of the broker's default 1 MB message size limit.</summary>
    public const int DefaultChunkBytes = 512 * 1024;

    /// <summary>Smallest accepted <see cref="ChunkBytes"/>.</summary>
    public const int MinChunkBytes = 1024;

    /// <summary>
    /// Largest accepted <see cref="ChunkBytes"/>: 900 KiB, which leaves room for the key and headers below the 1,000,000
    /// bytes that both the producer's <c>message.max.bytes</c> and the broker's default message size limit allow.
    /// </summary>
    public const int MaxChunkBytes = 900 * 1024;

    /// <summary>Most chunks one package may have; a header claiming more marks the chunk as corrupt.</summary>
    public const int MaxChunkCount = 10_000;

    /// <summary>Kafka <c>bootstrap.servers</c> list.</summary>
    public required string BootstrapServers { get; init; }

    /// <summary>The compacted topic that carries model packages.</summary>
    public required string Topic { get; init; }

    /// <summary>Largest chunk payload in bytes. Default <see cref="DefaultChunkBytes"/>.</summary>
    public int ChunkBytes { get; init; } = DefaultChunkBytes;

    /// <summary>
    /// Interval at which a reader checks the topic for partitions it does not read yet, such as those of a topic created
    /// after the reader started. Default 10 s.
    /// </summary>
    public TimeSpan TopicCheckInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>TLS and SASL settings, the same as the stream's.</summary>
    public KafkaSecurityOptions Security { get; init; } = new();

    /// <summary>Extra librdkafka producer settings, applied before the publisher's own.</summary>
    public IReadOnlyDictionary<string, string> ProducerConfig { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Extra librdkafka consumer settings, applied before the reader's own. Group membership settings
    /// (<c>group.*</c>, <c>partition.assignment.strategy</c>) are skipped, because the reader assigns partitions itself.
    /// </summary>
    public IReadOnlyDictionary<string, string> ConsumerConfig { get; init; } = new Dictionary<string, string>();

    /// <summary>Returns settings that reach the brokers the way <paramref name="stream"/> does.</summary>
    public static ModelTopicSettings From(StreamProcessorOptions stream, string topic, int chunkBytes = DefaultChunkBytes)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return new ModelTopicSettings
        {
            BootstrapServers = stream.BootstrapServers,
            Topic = topic,
            ChunkBytes = chunkBytes,
            Security = stream.Security,
            ProducerConfig = stream.ProducerConfig,
            ConsumerConfig = stream.ConsumerConfig,
        };
    }

    /// <summary>Returns every problem with these settings; empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(BootstrapServers))
        {
            problems.Add("BootstrapServers is empty; set it to a host:port list such as localhost:9092.");
        }

        if (string.IsNullOrWhiteSpace(Topic))
        {
            problems.Add("Topic is empty; set it to the name of the model topic.");
        }

        if (ChunkBytes is < MinChunkBytes or > MaxChunkBytes)
        {
            problems.Add($"ChunkBytes is {ChunkBytes}; set it between {MinChunkBytes} and {MaxChunkBytes}.");
        }

        if (TopicCheckInterval <= TimeSpan.Zero || TopicCheckInterval > TimeSpan.FromHours(1))
        {
            problems.Add($"TopicCheckInterval is {TopicCheckInterval}; set it above zero and up to one hour.");
        }

        return problems;
    }

    /// <summary>Throws when <see cref="Validate"/> finds problems.</summary>
    /// <exception cref="ArgumentException">The settings are invalid; the message lists every problem.</exception>
    internal void ThrowIfInvalid()
    {
        IReadOnlyList<string> problems = Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid model topic settings: " + string.Join(" ", problems));
        }
    }
}
