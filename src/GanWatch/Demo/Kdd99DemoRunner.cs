using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using GanWatch.Engine;
using GanWatch.Engine.Devices;
using GanWatch.Engine.Features;
using GanWatch.Evaluation.Kdd99;
using GanWatch.Hosting;
using GanWatch.Models;
using GanWatch.Streaming.Alerts;
using GanWatch.Streaming.Kafka;
using GanWatch.Streaming.Processing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace GanWatch.Demo;

/// <summary>
/// Streams KDD99 connection records through the embedded cluster as JSON events: trains an event model on the training
/// half's non-<c>normal.</c> records (split 50/50 with the demo seed), replays a random sample of the test half
/// through the daemon's host, and reads the alerts back.
/// </summary>
/// <remarks>The labels never reach the daemon: alerts are matched to records by their source offset afterwards.</remarks>
internal sealed class Kdd99DemoRunner(DemoSettings settings, TextWriter log)
{
    private const string InputTopic = "ganwatch-demo-connections";
    private const string AlertTopic = "ganwatch-demo-alerts";
    private const string DeadLetterTopic = "ganwatch-demo-dead-letters";
    // Each mock partition keeps about 5 MiB; 20,000 events of about 700 bytes need several partitions.
    private const int InputPartitions = 8;

    /// <summary>Event time of the first replayed connection; each later one is a second later.</summary>
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public async Task<Kdd99DemoResult> RunAsync(string folder, CancellationToken cancellationToken)
    {
        Kdd99Data data = Kdd99Data.Load(folder, new Kdd99GanRunOptions().Scaling);
        var (train, test) = Kdd99Protocol.Split(data.Rows.Count, settings.Seed);
        int[] replayed = Kdd99GanRun.Subsample(test, settings.Kdd99Events, settings.Seed);
        string workDirectory = settings.WorkDirectory ?? Path.Combine(Path.GetTempPath(), "ganwatch-demo-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        string modelDirectory = Path.Combine(workDirectory, "models", "kdd99");

        var trainWatch = Stopwatch.StartNew();
        if (!Directory.Exists(modelDirectory))
        {
            TrainModel(data, train.Where(i => !data.IsNormal[i]).ToArray(), modelDirectory);
        }

        trainWatch.Stop();

        using EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.Create(brokers: 1);
        cluster.CreateTopic(InputTopic, InputPartitions);
        cluster.CreateTopic(AlertTopic, 1);
        cluster.CreateTopic(DeadLetterTopic, 1);
        log.WriteLine($"Embedded Kafka cluster at {cluster.BootstrapServers}; replaying {replayed.Length} test connections and 2 malformed events.");

        // The row number as Kafka key spreads the events over the partitions; events take their series from the value.
        var records = replayed.Select((row, i) => new DemoRecord(row.ToString(CultureInfo.InvariantCulture), row, Start.AddSeconds(i), 0f)).ToList();
        IReadOnlyList<(string Key, string Value)> malformed =
        [
            ("connections", """{"ts": "2026-01-01T00:00:00Z", "duration": 0}"""),
            ("connections", """{"ts": "2026-01-01T00:00:00Z", "duration": "long"}"""),
        ];
        TopicPartitionOffset[] positions = RecordReplayer.Produce(cluster.BootstrapServers, InputTopic, records, malformed, record => EventJson(data, record));
        int expected = records.Count + malformed.Count;

        using IHost host = GanWatchHost.Build(configPath: null, HostSettings(cluster.BootstrapServers, data, modelDirectory), loadSystemFiles: false);
        StreamProcessor processor = host.Services.GetRequiredService<StreamProcessor>();
        var runWatch = Stopwatch.StartNew();
        await host.StartAsync(cancellationToken).ConfigureAwait(false);
        await DemoRunner.WaitForAllRecordsAsync(processor.Counters, expected, log, cancellationToken).ConfigureAwait(false);
        runWatch.Stop();
        await host.StopAsync(CancellationToken.None).ConfigureAwait(false);

        IReadOnlyList<Alert> alerts = AlertCollector.ReadAll(cluster.BootstrapServers, AlertTopic, 1, TimeSpan.FromSeconds(30));
        var byPosition = new Dictionary<(int, long), int>();
        for (int i = 0; i < positions.Length; i++)
        {
            byPosition[(positions[i].Partition.Value, positions[i].Offset.Value)] = replayed[i];
        }

        bool[] alertIsNormal = alerts
            .Where(a => byPosition.ContainsKey((a.Source.Partition, a.Source.Offset)))
            .Select(a => data.IsNormal[byPosition[(a.Source.Partition, a.Source.Offset)]])
            .ToArray();
        return new Kdd99DemoResult(alerts, alertIsNormal, processor.Counters, expected, replayed.Count(i => data.IsNormal[i]), trainWatch.Elapsed, runWatch.Elapsed);
    }

    /// <summary>Trains with the settings of <c>ganwatch evaluate kdd99</c>, restarts included, so the demo's model is the benchmarked one.</summary>
    private void TrainModel(Kdd99Data data, int[] rows, string modelDirectory)
    {
        var benchmark = new Kdd99GanRunOptions();
        log.WriteLine($"Training {benchmark.Restarts} event model(s) on {rows.Length} non-normal connections of the training half ({benchmark.Steps} steps each) and keeping the best.");
        (GanModel model, _) = Kdd99GanRun.Train(data, benchmark, rows, settings.Seed, DeviceSelector.Resolve("cpu"), CancellationToken.None);
        using (model)
        {
            model.DataSummary.SourceName = "KDD99 training half, non-normal records";
            ModelFileRetry.Execute(modelDirectory, () => model.Save(modelDirectory), log.WriteLine);
        }
    }

    private static Dictionary<string, string?> HostSettings(string bootstrapServers, Kdd99Data data, string modelDirectory)
    {
        var values = new Dictionary<string, string?>
        {
            ["Stream:BootstrapServers"] = bootstrapServers,
            ["Stream:GroupId"] = "ganwatch-demo",
            ["Stream:InputTopic"] = InputTopic,
            ["Stream:AlertTopic"] = AlertTopic,
            ["Stream:DeadLetterTopic"] = DeadLetterTopic,
            ["Stream:SessionTimeout"] = "00:00:06",

            // Events are a second apart, so a half-second quiet period lets every anomalous connection alert.
            ["Stream:EpisodeQuietPeriod"] = "00:00:00.500",
            ["Stream:EventSchema:TimestampField"] = "ts",
            ["Models:DefaultModel"] = modelDirectory,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Metrics:Enabled"] = "false",
        };

        for (int i = 0; i < data.Schema.Fields.Count; i++)
        {
            values[$"Stream:EventSchema:Fields:{i}:Name"] = data.Schema.Fields[i].Name;
            values[$"Stream:EventSchema:Fields:{i}:Kind"] = data.Schema.Fields[i].Kind.ToString();
        }

        values[$"Stream:EventSchema:Fields:{data.Schema.Fields.Count}:Name"] = "row";
        values[$"Stream:EventSchema:Fields:{data.Schema.Fields.Count}:Kind"] = "PassThrough";
        return values;
    }

    /// <summary>Writes one connection as a JSON event: its time, its row in the file (a pass-through field) and its 41 features, no label.</summary>
    private static string EventJson(Kdd99Data data, DemoRecord record)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("ts", record.Timestamp.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
            json.WriteNumber("row", record.Row);
            FeatureRow row = data.Rows[record.Row];
            int numeric = 0;
            int categorical = 0;
            foreach (FeatureField field in data.Schema.Fields)
            {
                if (field.Kind == FeatureKind.Numeric)
                {
                    json.WriteNumber(field.Name, row.Numbers[numeric++]);
                }
                else
                {
                    json.WriteString(field.Name, row.Categories[categorical++]);
                }
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
