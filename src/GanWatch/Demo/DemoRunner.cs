using System.Diagnostics;
using System.Globalization;
using Confluent.Kafka;
using GanWatch.Hosting;
using GanWatch.Streaming.Alerts;
using GanWatch.Streaming.Diagnostics;
using GanWatch.Streaming.Kafka;
using GanWatch.Streaming.Processing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace GanWatch.Demo;

/// <summary>
/// Runs the whole path on one machine: an embedded Kafka cluster, trained models, a replayed stream, the daemon's host,
/// and a plain consumer that reads the alerts back.
/// </summary>
internal sealed class DemoRunner(DemoSettings settings, TextWriter log)
{
    private const string InputTopic = "ganwatch-demo-input";
    private const string AlertTopic = "ganwatch-demo-alerts";
    private const string DeadLetterTopic = "ganwatch-demo-dead-letters";
    private const int InputPartitions = 4;

    /// <summary>Runs the demo and returns what it observed.</summary>
    public async Task<DemoResult> RunAsync(CancellationToken cancellationToken)
    {
        string workDirectory = settings.WorkDirectory ?? Path.Combine(Path.GetTempPath(), "ganwatch-demo-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(workDirectory);

        DemoPlan plan = settings.NabFolder is null ? DemoPlan.ForSynthetic(settings, workDirectory) : DemoPlan.ForNab(settings.NabFolder, workDirectory);
        log.WriteLine($"Replaying {plan.Records.Count} records of {plan.Series.Count} series; models under {workDirectory}.");
        var trainWatch = Stopwatch.StartNew();
        DemoModels.TrainMissing(plan.Series, settings, log);
        trainWatch.Stop();

        using EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.Create(brokers: 1);
        cluster.CreateTopic(InputTopic, InputPartitions);
        cluster.CreateTopic(AlertTopic, 1);
        cluster.CreateTopic(DeadLetterTopic, 1);
        log.WriteLine($"Embedded Kafka cluster at {cluster.BootstrapServers}.");

        IReadOnlyList<(string Key, string Value)> malformed = plan.Synthetic is null ? [] : MalformedExamples(plan.Series[0].Id);
        TopicPartitionOffset[] positions = RecordReplayer.Produce(cluster.BootstrapServers, InputTopic, plan.Records, malformed);
        int expected = plan.Records.Count + malformed.Count;

        using IHost host = GanWatchHost.Build(configPath: null, HostSettings(cluster.BootstrapServers, plan), loadSystemFiles: false);
        StreamCounters counters = host.Services.GetRequiredService<StreamProcessor>().Counters;
        var runWatch = Stopwatch.StartNew();
        await host.StartAsync(cancellationToken).ConfigureAwait(false);
        await WaitForAllRecordsAsync(counters, expected, log, cancellationToken).ConfigureAwait(false);
        runWatch.Stop();
        await host.StopAsync(CancellationToken.None).ConfigureAwait(false);

        IReadOnlyList<Alert> alerts = AlertCollector.ReadAll(cluster.BootstrapServers, AlertTopic, 1, TimeSpan.FromSeconds(30));
        return new DemoResult(plan, positions, alerts, counters, expected, trainWatch.Elapsed, runWatch.Elapsed, settings.WindowLength);
    }

    private Dictionary<string, string?> HostSettings(string bootstrapServers, DemoPlan plan)
    {
        var values = new Dictionary<string, string?>
        {
            ["Stream:BootstrapServers"] = bootstrapServers,
            ["Stream:GroupId"] = "ganwatch-demo",
            ["Stream:InputTopic"] = InputTopic,
            ["Stream:AlertTopic"] = AlertTopic,
            ["Stream:DeadLetterTopic"] = DeadLetterTopic,
            ["Stream:SessionTimeout"] = "00:00:06",
            ["Models:DefaultModel"] = plan.Series[0].ModelDirectory,
            ["Logging:LogLevel:Default"] = "Warning",

            // The demo prints its own summary; a metrics endpoint would only clash with a daemon on the same port.
            ["Metrics:Enabled"] = "false",
        };

        if (plan.Nab is not null)
        {
            // Six NAB files repeat a timestamp and one steps back once. The demo scores those rows instead of
            // dead-lettering them, so every labelled row reaches the detector.
            values["Stream:OutOfOrderPolicy"] = "Accept";
            values["Stream:DuplicateTimestampPolicy"] = "Accept";
            values["Stream:EpisodeQuietPeriod"] = "1.00:00:00";
        }

        var routes = plan.Series.Select(s => s.ModelDirectory).Distinct().Count() > 1 ? plan.Series : [];
        for (int i = 0; i < routes.Count; i++)
        {
            values[$"Models:Routes:{i}:Pattern"] = routes[i].Id;
            values[$"Models:Routes:{i}:Model"] = routes[i].ModelDirectory;
        }

        return values;
    }

    /// <summary>Waits until the daemon has consumed <paramref name="expected"/> records and scored every queued window.</summary>
    /// <exception cref="TimeoutException">The daemon consumed no record for 2 minutes.</exception>
    public static async Task WaitForAllRecordsAsync(StreamCounters counters, int expected, TextWriter log, CancellationToken cancellationToken)
    {
        long lastConsumed = -1;
        DateTime lastProgress = DateTime.UtcNow;
        while (counters.RecordsConsumed < expected || counters.PendingWindows > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken).ConfigureAwait(false);
            if (counters.RecordsConsumed != lastConsumed)
            {
                lastConsumed = counters.RecordsConsumed;
                lastProgress = DateTime.UtcNow;
            }
            else if (DateTime.UtcNow - lastProgress > TimeSpan.FromMinutes(2))
            {
                throw new TimeoutException(
                    $"The daemon consumed {counters.RecordsConsumed} of {expected} records and made no progress for 2 minutes.");
            }
        }

        log.WriteLine($"The daemon consumed all {expected} records.");
    }

    private static List<(string Key, string Value)> MalformedExamples(string series) =>
    [
        (series, "{\"ts\": \"2026-01-02T00:00:00Z\", \"value\": "),
        (series, "{\"ts\": \"2026-01-02T00:00:00Z\", \"value\": \"high\"}"),
        (series, "{\"ts\": \"yesterday\", \"value\": 1.5}"),
    ];
}
