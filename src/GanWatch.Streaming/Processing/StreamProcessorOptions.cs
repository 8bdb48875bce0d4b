using GanWatch.Streaming.Events;
using GanWatch.Streaming.Kafka;

namespace GanWatch.Streaming.Processing;

/// <summary>Settings of a <see cref="StreamProcessor"/>. Call <see cref="Validate"/> before use.</summary>
public sealed class StreamProcessorOptions
{
    /// <summary>Client settings the processor owns; <see cref="ConsumerConfig"/> and <see cref="ProducerConfig"/> must not set them.</summary>
    internal static readonly string[] ReservedClientKeys =
    [
        "bootstrap.servers", "group.id", "enable.auto.offset.store", "enable.auto.commit", "enable.idempotence", "acks",
        "session.timeout.ms", "auto.commit.interval.ms",
    ];

    /// <summary>Kafka <c>bootstrap.servers</c> list. Required.</summary>
    public string BootstrapServers { get; set; } = "";

    /// <summary>Consumer group id. Default <c>ganwatch</c>.</summary>
    public string GroupId { get; set; } = "ganwatch";

    /// <summary>Topic of input points. Required.</summary>
    public string InputTopic { get; set; } = "";

    /// <summary>Topic alerts are written to. Default <c>ganwatch-alerts</c>.</summary>
    public string AlertTopic { get; set; } = "ganwatch-alerts";

    /// <summary>Topic rejected records are written to. Default <c>ganwatch-dead-letters</c>.</summary>
    public string DeadLetterTopic { get; set; } = "ganwatch-dead-letters";

    /// <summary>Most windows per scoring batch. Default 256.</summary>
    public int MaxBatchSize { get; set; } = 256;

    /// <summary>Longest time the scoring thread waits for a batch to fill after its first window. Default 20 ms.</summary>
    public TimeSpan MaxBatchWait { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// Windows queued or being scored at which the consumer pauses all assigned partitions; it resumes below half of
    /// this. Default 8192.
    /// </summary>
    public int MaxPendingWindows { get; set; } = 8192;

    /// <summary>Records per partition re-read before the committed offset after an assignment, to rebuild windows. Default 5000.</summary>
    public int RewindRecords { get; set; } = 5000;

    /// <summary>Handling of points older than their series' last point. Default <see cref="OrderingPolicy.DeadLetter"/>.</summary>
    public OrderingPolicy OutOfOrderPolicy { get; set; } = OrderingPolicy.DeadLetter;

    /// <summary>Handling of points with their series' last timestamp. Default <see cref="OrderingPolicy.DeadLetter"/>.</summary>
    public OrderingPolicy DuplicateTimestampPolicy { get; set; } = OrderingPolicy.DeadLetter;

    /// <summary>Largest accepted record value in bytes; larger ones are dead-lettered. Default 64 KiB.</summary>
    public int MaxValueBytes { get; set; } = 64 * 1024;

    /// <summary>Most channels listed in an alert's <c>topChannels</c>. Default 3.</summary>
    public int TopChannels { get; set; } = 3;

    /// <summary>
    /// Record time without an anomalous window that closes an episode, and the record time after which an open episode
    /// alerts again. Default 10 minutes.
    /// </summary>
    public TimeSpan EpisodeQuietPeriod { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Within an episode, alert again when a score reaches this multiple of the last alerted score. Default 1.5.</summary>
    public double EpisodeEscalationFactor { get; set; } = 1.5;

    /// <summary>Longest time a graceful stop may take, and longest wait for in-flight records on revoke. Default 30 s.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Consumer group session timeout (<c>session.timeout.ms</c>). Default 45 s, librdkafka's default.</summary>
    public TimeSpan SessionTimeout { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>Interval of the background commit of stored offsets (<c>auto.commit.interval.ms</c>). Default 5 s.</summary>
    public TimeSpan AutoCommitInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Extra librdkafka consumer settings (for example security), applied after the processor's own.</summary>
    public Dictionary<string, string> ConsumerConfig { get; set; } = [];

    /// <summary>Extra librdkafka producer settings, applied after the processor's own.</summary>
    public Dictionary<string, string> ProducerConfig { get; set; } = [];

    /// <summary>Retries and circuit breaker for alert and dead-letter records whose delivery failed.</summary>
    public PublishResilienceOptions PublishResilience { get; set; } = new();

    /// <summary>TLS and SASL settings of the consumer and the producer. Default plaintext without authentication.</summary>
    public KafkaSecurityOptions Security { get; set; } = new();

    /// <summary>
    /// The fields of JSON events on the input topic. Default null: records are points of series (<c>ts</c> and
    /// <c>value</c> or <c>values</c>). When set, every record is an event scored alone by an event model.
    /// </summary>
    public EventSchemaOptions? EventSchema { get; set; }

    /// <summary>Returns every problem with these settings; empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        RequireText(problems, BootstrapServers, nameof(BootstrapServers), "a host:port list such as localhost:9092");
        RequireText(problems, GroupId, nameof(GroupId), "a consumer group id");
        RequireText(problems, InputTopic, nameof(InputTopic), "the topic of input points");
        RequireText(problems, AlertTopic, nameof(AlertTopic), "the topic for alerts");
        RequireText(problems, DeadLetterTopic, nameof(DeadLetterTopic), "the topic for rejected records");
        if (!string.IsNullOrWhiteSpace(InputTopic) && (InputTopic == AlertTopic || InputTopic == DeadLetterTopic))
        {
            problems.Add($"{nameof(InputTopic)} '{InputTopic}' must differ from {nameof(AlertTopic)} and {nameof(DeadLetterTopic)}, or the processor reads its own output.");
        }

        RequireRange(problems, MaxBatchSize, 1, 1_000_000, nameof(MaxBatchSize));
        RequireRange(problems, MaxPendingWindows, 2, 10_000_000, nameof(MaxPendingWindows));
        RequireRange(problems, RewindRecords, 0, int.MaxValue, nameof(RewindRecords));
        RequireRange(problems, MaxValueBytes, 16, 100 * 1024 * 1024, nameof(MaxValueBytes));
        RequireRange(problems, TopChannels, 0, 1_000_000, nameof(TopChannels));
        RequirePositive(problems, MaxBatchWait, nameof(MaxBatchWait), allowZero: true);
        RequirePositive(problems, EpisodeQuietPeriod, nameof(EpisodeQuietPeriod), allowZero: false);
        RequirePositive(problems, ShutdownTimeout, nameof(ShutdownTimeout), allowZero: false);
        RequirePositive(problems, SessionTimeout, nameof(SessionTimeout), allowZero: false);
        RequirePositive(problems, AutoCommitInterval, nameof(AutoCommitInterval), allowZero: false);
        if (MaxPendingWindows < MaxBatchSize)
        {
            problems.Add($"{nameof(MaxPendingWindows)} ({MaxPendingWindows}) must be at least {nameof(MaxBatchSize)} ({MaxBatchSize}) so that a full batch can form.");
        }

        if (!(EpisodeEscalationFactor >= 1.0) || double.IsInfinity(EpisodeEscalationFactor))
        {
            problems.Add($"{nameof(EpisodeEscalationFactor)} is {EpisodeEscalationFactor}; set a finite number of at least 1.");
        }

        CheckExtraConfig(problems, ConsumerConfig, nameof(ConsumerConfig));
        CheckExtraConfig(problems, ProducerConfig, nameof(ProducerConfig));
        AddNested(problems, PublishResilience?.Validate(), nameof(PublishResilience));
        AddNested(problems, Security?.Validate(), nameof(Security));
        if (EventSchema is not null)
        {
            AddNested(problems, EventSchema.Validate(), nameof(EventSchema));
        }
        if (Security is { Protocol: not KafkaSecurityProtocol.Plaintext })
        {
            CheckSecurityOverlap(problems, ConsumerConfig, nameof(ConsumerConfig));
            CheckSecurityOverlap(problems, ProducerConfig, nameof(ProducerConfig));
        }

        return problems;
    }

    /// <summary>Throws when <see cref="Validate"/> finds problems.</summary>
    /// <exception cref="ArgumentException">The settings are invalid; the message lists every problem.</exception>
    public void ThrowIfInvalid()
    {
        IReadOnlyList<string> problems = Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid stream processor options: " + string.Join(" ", problems));
        }
    }

    private static void RequireText(List<string> problems, string? value, string name, string expected)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add($"{name} is empty; set it to {expected}.");
        }
    }

    private static void RequireRange(List<string> problems, int value, int min, int max, string name)
    {
        if (value < min || value > max)
        {
            problems.Add($"{name} is {value}; set it between {min} and {max}.");
        }
    }

    private static void RequirePositive(List<string> problems, TimeSpan value, string name, bool allowZero)
    {
        if (value < TimeSpan.Zero || (!allowZero && value == TimeSpan.Zero) || value > TimeSpan.FromDays(1))
        {
            problems.Add($"{name} is {value}; set it {(allowZero ? "from zero" : "above zero")} up to one day.");
        }
    }

    private static void CheckExtraConfig(List<string> problems, Dictionary<string, string>? config, string name)
    {
        if (config is null)
        {
            problems.Add($"{name} is null; use an empty dictionary.");
            return;
        }

        foreach (string key in config.Keys.Where(key => ReservedClientKeys.Contains(key, StringComparer.OrdinalIgnoreCase)))
        {
            problems.Add($"{name} sets '{key}', which the processor controls; use the matching option instead or remove it.");
        }
    }

    private static void AddNested(List<string> problems, IReadOnlyList<string>? nested, string name)
    {
        if (nested is null)
        {
            problems.Add($"{name} is null; remove the null or set the section.");
            return;
        }

        problems.AddRange(nested.Select(problem => $"{name}: {problem}"));
    }

    private static void CheckSecurityOverlap(List<string> problems, Dictionary<string, string>? config, string name)
    {
        foreach (string key in config?.Keys ?? Enumerable.Empty<string>())
        {
            if (key.Equals("security.protocol", StringComparison.OrdinalIgnoreCase)
                || key.StartsWith("sasl.", StringComparison.OrdinalIgnoreCase)
                || key.StartsWith("ssl.", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{name} sets '{key}' while {nameof(Security)} is in use; set it through {nameof(Security)} or remove it.");
            }
        }
    }
}
