using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Confluent.Kafka;
using GanWatch.Streaming.Alerts;
using GanWatch.Streaming.DeadLetters;
using GanWatch.Streaming.Kafka;
using GanWatch.Tests.Metrics;
using GanWatch.Tests.Reload;
using GanWatch.Tests.Support;

namespace GanWatch.Tests.Hosting;

/// <summary>
/// <c>ganwatch run</c> with <c>Stream:EventSchema</c> as a separate process against an embedded Kafka cluster, scoring
/// JSON events with a model that <c>ganwatch train --events</c> wrote.
/// </summary>
public sealed class DaemonEventsEndToEndTests(EventModelFixture model, TrainedModelFixture seriesModel) : IClassFixture<EventModelFixture>
{
    private const int Partitions = 2;
    private const int Events = 400;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);
    private static readonly int[] Outliers = [50, 120, 200, 280, 350];

    [Fact]
    public async Task RunScoresEventsEndToEnd()
    {
        CancellationToken cancellationToken = TestContext.Current.CancellationToken;
        using var cluster = EmbeddedKafkaCluster.Create();
        using var directory = TempDirectory.Create("ganwatch-events-run");
        var settings = new DaemonSettings
        {
            BootstrapServers = cluster.BootstrapServers,
            ModelDirectory = model.ModelDirectory,
            InputTopic = "events",
            MetricsPort = FreeTcpPort.Find(),
        };
        cluster.CreateTopic(settings.InputTopic, Partitions);
        cluster.CreateTopic(settings.AlertTopic, 1);
        cluster.CreateTopic(settings.DeadLetterTopic, 1);

        List<string> lines = EventData.Events(Events, seed: 9, isOutlier: i => Outliers.Contains(i));
        lines[300] = lines[300].Replace("\"protocol\": \"tcp\"", "\"protocol\": \"sctp\"").Replace("\"protocol\": \"udp\"", "\"protocol\": \"sctp\"");
        var records = lines.Select((json, i) => EventData.Record(json, i, i % Partitions)).ToList();
        records.Add(EventData.Record("""{"ts": "2026-01-01T01:00:00Z", "host": "h1", "duration": 0.1, "protocol": "tcp", "bytes": 0.2}""", -1, 0, "missing_field"));
        records.Add(EventData.Record("""{"ts": "2026-01-01T01:00:01Z", "host": "h1", "duration": 0.1, "protocol": "tcp", "bytes": "big", "load": 1}""", -2, 1, "invalid_field"));
        long[] offsets = await StreamProducer.ProduceAsync(cluster.BootstrapServers, settings.InputTopic, records, 0, cancellationToken);

        string config = WriteConfig(directory, settings, model.SchemaFile);
        using var offsetsReader = new GroupOffsets(cluster.BootstrapServers, settings.GroupId, settings.InputTopic, Partitions);
        using GanWatchProcess daemon = GanWatchProcess.Start("daemon", ["run", "--config", config], settings.EnvironmentVariables());
        await offsetsReader.WaitForEndAsync(Timeout, [daemon], cancellationToken);

        List<Alert> alerts = TopicReader.ReadAll(cluster.BootstrapServers, settings.AlertTopic, 1, TimeSpan.FromSeconds(30))
            .Select(r => AlertSerializer.Deserialize(r.Message.Value))
            .ToList();
        var alertsBySource = alerts.ToDictionary(a => (a.Source.Partition, a.Source.Offset));
        foreach (int outlier in Outliers)
        {
            Assert.True(alertsBySource.TryGetValue((records[outlier].Partition, offsets[outlier]), out Alert? alert), $"outlier event {outlier} raised no alert");
            Assert.Equal("h1", alert.Series);
            Assert.Equal(EventData.Start.AddSeconds(outlier), alert.Timestamp);
            Assert.Equal($"\"e{outlier}\"", alert.Fields!["id"].GetRawText());
            Assert.Equal("load", alert.TopFields![0].Field);
            Assert.Empty(alert.TopChannels);
        }

        int falseAlerts = alerts.Count(a => !Outliers.Any(o => records[o].Partition == a.Source.Partition && offsets[o] == a.Source.Offset) && a.Fields!["id"].GetString() != "e300");
        Assert.True(falseAlerts <= Events / 20, $"{falseAlerts} alerts on normal events; expected at most {Events / 20}.");

        List<ConsumeResult<byte[]?, byte[]?>> deadLetters = TopicReader.ReadAll(cluster.BootstrapServers, settings.DeadLetterTopic, 1, TimeSpan.FromSeconds(30));
        Assert.Equal(2, deadLetters.Count);
        Assert.Contains(deadLetters, d => Header(d, DeadLetterHeaders.Reason) == "missing_field" && Header(d, DeadLetterHeaders.Field) == "load");
        Assert.Contains(deadLetters, d => Header(d, DeadLetterHeaders.Reason) == "invalid_field" && Header(d, DeadLetterHeaders.Field) == "bytes");

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        MetricsExposition scrape = await MetricsExposition.ScrapeAsync(http, $"http://127.0.0.1:{settings.MetricsPort}/metrics", cancellationToken);
        Assert.Equal(1, scrape.Value("ganwatch_unseen_categories_total", ("field", "protocol")));
        Assert.Equal(1, scrape.Value("ganwatch_dead_letters_total", ("reason", "missing_field")));
        Assert.Equal(1, scrape.Value("ganwatch_dead_letters_total", ("reason", "invalid_field")));
        Assert.False(daemon.HasExited, "the daemon must keep running after the stream ends");
    }

    [Fact]
    public async Task RunRejectsModelOutsideSchema()
    {
        using var cluster = EmbeddedKafkaCluster.Create();
        using var directory = TempDirectory.Create("ganwatch-events-run");
        var settings = new DaemonSettings { BootstrapServers = cluster.BootstrapServers, ModelDirectory = model.ModelDirectory };
        string schema = directory.File("other-schema.json");
        File.WriteAllText(schema, EventData.SchemaJson.Replace("\"bytes\"", "\"packets\""));

        using GanWatchProcess daemon = GanWatchProcess.Start("daemon", ["run", "--config", WriteConfig(directory, settings, schema)], settings.EnvironmentVariables());
        int exitCode = await daemon.WaitForExitAsync(Timeout, TestContext.Current.CancellationToken);

        Assert.Equal(2, exitCode);
        Assert.Contains("does not fit Stream:EventSchema", daemon.StandardError, StringComparison.Ordinal);
        Assert.Contains("[duration, packets, load]", daemon.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReloadRejectsEventModelWithoutSchema()
    {
        CancellationToken cancellationToken = TestContext.Current.CancellationToken;
        using var bed = new DaemonTestBed(seriesModel);
        GanWatchProcess daemon = bed.StartDaemon("daemon");
        await daemon.WaitForOutputAsync("Partitions assigned:", Timeout, cancellationToken);

        ReloadConfigFile.Write(ReloadConfigFile.PathOf(bed, "daemon"), bed.Settings, document =>
            document["Models"] = new JsonObject { ["Routes"] = new JsonArray(new JsonObject { ["Pattern"] = "sine-1", ["Model"] = model.ModelDirectory }) });
        ReloadConfigFile.Hangup(daemon);
        await daemon.WaitForOutputAsync("Configuration reload (SIGHUP) rejected", Timeout, cancellationToken);

        string rejection = Assert.Single(daemon.StandardOutput.Split('\n'), line => line.Contains("Configuration reload (SIGHUP) rejected", StringComparison.Ordinal));
        Assert.Contains("is an event model, but Stream:EventSchema is not set", rejection, StringComparison.Ordinal);
        Assert.False(daemon.HasExited, "the daemon must keep running after a rejected reload");
    }

    [Fact]
    public void TrainReportsEncodedColumns()
    {
        JsonNode json = JsonNode.Parse(File.ReadAllText(Path.Combine(model.ModelDirectory, "model.json")))!;

        Assert.Contains("Saved event model", model.TrainOutput, StringComparison.Ordinal);
        Assert.Equal("Dense", (string)json["shape"]!["architecture"]!);

        // duration, bytes and load, plus protocol tcp, udp and the unseen column.
        Assert.Equal(6, (int)json["shape"]!["channels"]!);
        Assert.Equal(["id"], json["features"]!["passThrough"]!.AsArray().Select(n => (string)n!));
    }

    /// <summary>Writes the daemon's timing settings with <c>Stream:EventSchema</c> read from <paramref name="schemaFile"/>.</summary>
    private static string WriteConfig(TempDirectory directory, DaemonSettings settings, string schemaFile)
    {
        JsonNode config = JsonNode.Parse(File.ReadAllText(settings.WriteConfigFile(directory, "base.json")))!;
        config["Stream"]!["EventSchema"] = JsonNode.Parse(File.ReadAllText(schemaFile));

        // Events are a second apart, so every anomalous event opens or re-alerts its episode.
        config["Stream"]!["EpisodeQuietPeriod"] = "00:00:00.500";
        string path = directory.File("events.json");
        File.WriteAllText(path, config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return path;
    }

    private static string? Header(ConsumeResult<byte[]?, byte[]?> record, string name) =>
        record.Message.Headers.TryGetLastBytes(name, out byte[] value) ? Encoding.UTF8.GetString(value) : null;
}
