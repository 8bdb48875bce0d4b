using GanWatch.Streaming.Alerts;
using GanWatch.Streaming.Kafka;

namespace GanWatch.Tests.Support;

/// <summary>
/// One embedded Kafka cluster in the test process with the daemon's three topics, a temporary directory for
/// configuration files, and every daemon process started through it. Dispose kills the daemons first, then stops the
/// cluster.
/// </summary>
public sealed class DaemonTestBed : IDisposable
{
    /// <summary>Partitions of the input topic.</summary>
    public const int InputPartitions = 4;

    private readonly List<GanWatchProcess> _daemons = [];

    public DaemonTestBed(TrainedModelFixture model, Func<DaemonSettings, DaemonSettings>? configure = null)
    {
        Cluster = EmbeddedKafkaCluster.Create();
        Directory = TempDirectory.Create("ganwatch-daemon");
        var settings = new DaemonSettings { BootstrapServers = Cluster.BootstrapServers, ModelDirectory = model.ModelDirectory };
        Settings = configure is null ? settings : configure(settings);
        Cluster.CreateTopic(Settings.InputTopic, InputPartitions);
        Cluster.CreateTopic(Settings.AlertTopic, 1);
        Cluster.CreateTopic(Settings.DeadLetterTopic, 1);
        Offsets = new GroupOffsets(Cluster.BootstrapServers, Settings.GroupId, Settings.InputTopic, InputPartitions);
    }

    public EmbeddedKafkaCluster Cluster { get; }

    public TempDirectory Directory { get; }

    public DaemonSettings Settings { get; }

    /// <summary>Committed offsets of the daemons' group on the input topic.</summary>
    public GroupOffsets Offsets { get; }

    /// <summary>Every daemon started so far.</summary>
    public IReadOnlyList<GanWatchProcess> Daemons => _daemons;

    /// <summary>Starts a <c>ganwatch run</c> process with <see cref="Settings"/>.</summary>
    public GanWatchProcess StartDaemon(string name) => StartDaemon(name, Settings);

    /// <summary>Starts a <c>ganwatch run</c> process with <paramref name="settings"/>, for example another model directory.</summary>
    public GanWatchProcess StartDaemon(string name, DaemonSettings settings)
    {
        GanWatchProcess daemon = settings.StartDaemon(Directory, name);
        _daemons.Add(daemon);
        return daemon;
    }

    /// <summary>
    /// Waits until every daemon in <paramref name="daemons"/> has some input partitions and every partition is assigned to
    /// exactly one of them, as their logs show.
    /// </summary>
    /// <exception cref="TimeoutException">The daemons did not split the partitions within <paramref name="timeout"/>.</exception>
    public static async Task WaitForSplitAsync(IReadOnlyList<GanWatchProcess> daemons, TimeSpan timeout, CancellationToken cancellationToken)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            List<IReadOnlySet<int>> held = daemons.Select(daemon => DaemonLog.CurrentPartitions(daemon.StandardOutput)).ToList();
            if (held.All(partitions => partitions.Count > 0)
                && held.SelectMany(partitions => partitions).Distinct().Count() == InputPartitions
                && held.Sum(partitions => partitions.Count) == InputPartitions)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The daemons did not split the {InputPartitions} partitions within {timeout}.{Environment.NewLine}" +
                                           string.Join(Environment.NewLine, daemons.Select(daemon => daemon.Describe())));
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>Produces records to the input topic; see <see cref="StreamProducer.ProduceAsync"/>.</summary>
    public Task<long[]> ProduceAsync(IReadOnlyList<StreamRecord> records, int recordsPerSecond, CancellationToken cancellationToken) =>
        StreamProducer.ProduceAsync(Cluster.BootstrapServers, Settings.InputTopic, records, recordsPerSecond, cancellationToken);

    /// <summary>Reads every alert published so far.</summary>
    public List<Alert> ReadAlerts() =>
        ExpectedOutcomes.ParseAlerts(TopicReader.ReadAll(Cluster.BootstrapServers, Settings.AlertTopic, 1, TimeSpan.FromSeconds(30)));

    /// <summary>Reads every dead letter published so far.</summary>
    public List<(int Partition, long Offset, string Reason)> ReadDeadLetters() =>
        ExpectedOutcomes.ParseDeadLetters(TopicReader.ReadAll(Cluster.BootstrapServers, Settings.DeadLetterTopic, 1, TimeSpan.FromSeconds(30)));

    public void Dispose()
    {
        foreach (GanWatchProcess daemon in _daemons)
        {
            daemon.Dispose();
        }

        Offsets.Dispose();
        Cluster.Dispose();
        Directory.Dispose();
    }
}
