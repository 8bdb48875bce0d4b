using System.Text;
using Confluent.Kafka;
using GanWatch.Streaming.Alerts;
using GanWatch.Streaming.DeadLetters;
using GanWatch.Streaming.Diagnostics;
using GanWatch.Streaming.Events;
using GanWatch.Streaming.Records;
using GanWatch.Streaming.Scoring;
using GanWatch.Streaming.Tests.Support;

namespace GanWatch.Streaming.Tests.Processing;

public sealed class StreamProcessorEventTests
{
    private static readonly EventSchemaOptions Schema = new()
    {
        SeriesField = "tenant",
        TimestampField = "ts",
        Fields =
        [
            new EventFieldOptions { Name = "bytes", Kind = EventFieldKind.Numeric },
            new EventFieldOptions { Name = "proto", Kind = EventFieldKind.Categorical },
            new EventFieldOptions { Name = "id", Kind = EventFieldKind.PassThrough },
        ],
    };

    [Fact]
    public async Task EventsAlertDeadLetterAndCountUnseen()
    {
        using var kafka = new KafkaTestCluster(inputPartitions: 1);
        var messages = new List<(string? Expected, Message<byte[]?, byte[]?> Message)>
        {
            (null, Event("a", 0, "100", "tcp", "\"n0\"")),
            ("alert", Event("a", 1, "9000", "tcp", "\"big\"")),
            ("alert", Event("b", 2, "10", "sctp", "{\"k\": [1, 2]}")),
            (null, Event("b", 3, "10", "udp", "\"n3\"")),
            ("missing_field", KafkaTestCluster.Json(null, """{"tenant": "a", "ts": 4000, "proto": "tcp"}""")),
            ("invalid_field", KafkaTestCluster.Json(null, """{"tenant": "a", "ts": 5000, "bytes": "many", "proto": "tcp"}""")),
            ("invalid_field", Event("a", 6, "1e40", "tcp", "\"huge\"")),
            (null, Event("a", 7, "5", "1", "\"n7\"")),
        };

        DeliveryResult<byte[]?, byte[]?>[] reports = await kafka.ProduceAsync(messages.Select(m => m.Message));
        var options = kafka.CreateOptions("events-group");
        options.EventSchema = Schema;
        options.EpisodeQuietPeriod = TimeSpan.FromMilliseconds(500);
        var run = new ProcessorRun(options, new PatternModelRouter(new TestEventModel(["bytes"], ["proto"])));
        await run.WaitForRecordsAsync(reports.Length);
        await run.StopAsync();

        List<Alert> alerts = kafka.ReadAll(KafkaTestCluster.AlertTopic).Select(r => AlertSerializer.Deserialize(r.Message.Value)).ToList();
        Assert.Equal(2, alerts.Count);
        Alert big = Assert.Single(alerts, a => a.Source.Offset == reports[1].Offset.Value);
        Assert.Equal("a", big.Series);
        Assert.Equal(DateTimeOffset.UnixEpoch.AddSeconds(1), big.Timestamp);
        Assert.Equal("bytes", big.TopFields![0].Field);
        Assert.Equal(1.0, big.TopFields[0].Share, 6);
        Assert.Equal("\"big\"", big.Fields!["id"].GetRawText());
        Assert.Empty(big.TopChannels);
        Alert unseen = Assert.Single(alerts, a => a.Source.Offset == reports[2].Offset.Value);
        Assert.Equal("b", unseen.Series);
        Assert.Equal("proto", unseen.TopFields![0].Field);
        Assert.Equal("{\"k\":[1,2]}", unseen.Fields!["id"].GetRawText());

        List<ConsumeResult<byte[]?, byte[]?>> deadLetters = kafka.ReadAll(KafkaTestCluster.DeadLetterTopic);
        var expectedLetters = messages.Select((m, i) => (m.Expected, Offset: reports[i].Offset.Value)).Where(m => m.Expected is "missing_field" or "invalid_field").ToList();
        Assert.Equal(expectedLetters.Count, deadLetters.Count);
        string[] fields = ["bytes", "bytes", "bytes"];
        for (int i = 0; i < expectedLetters.Count; i++)
        {
            ConsumeResult<byte[]?, byte[]?> letter = Assert.Single(deadLetters, d => Header(d, DeadLetterHeaders.SourceOffset) == expectedLetters[i].Offset.ToString());
            Assert.Equal(expectedLetters[i].Expected, Header(letter, DeadLetterHeaders.Reason));
            Assert.Equal(fields[i], Header(letter, DeadLetterHeaders.Field));
            Assert.Contains("'bytes'", Header(letter, DeadLetterHeaders.Error));
        }

        StreamCounters counters = run.Processor.Counters;
        Assert.Equal(5, counters.WindowsScored);
        Assert.Equal(0, counters.WarmUpRecords);
        Assert.Equal(1, counters.DeadLettersFor(RejectReason.MissingField));
        Assert.Equal(2, counters.DeadLettersFor(RejectReason.InvalidField));
        Assert.Equal(1, counters.UnseenCategories()["proto"]);
        Assert.Equal(kafka.EndOffsets(), kafka.Committed("events-group"));
    }

    [Fact]
    public async Task WindowModelForEventsIsDeadLettered()
    {
        using var kafka = new KafkaTestCluster(inputPartitions: 1);
        DeliveryResult<byte[]?, byte[]?>[] reports = await kafka.ProduceAsync([Event("a", 0, "1", "tcp", "\"x\"")]);
        var options = kafka.CreateOptions("events-mismatch-group");
        options.EventSchema = Schema;
        var run = new ProcessorRun(options, new PatternModelRouter(new ZScoreTestModel(8)));
        await run.WaitForRecordsAsync(reports.Length);
        await run.StopAsync();

        ConsumeResult<byte[]?, byte[]?> letter = Assert.Single(kafka.ReadAll(KafkaTestCluster.DeadLetterTopic));
        Assert.Equal("channel_mismatch", Header(letter, DeadLetterHeaders.Reason));
        Assert.Contains("scores series windows", Header(letter, DeadLetterHeaders.Error));
        Assert.Equal(0, run.Processor.Counters.WindowsScored);
    }

    private static Message<byte[]?, byte[]?> Event(string tenant, int second, string bytes, string proto, string id) =>
        KafkaTestCluster.Json(null, $$"""{"tenant": "{{tenant}}", "ts": {{second * 1000}}, "bytes": {{bytes}}, "proto": "{{proto}}", "id": {{id}}}""");

    private static string? Header(ConsumeResult<byte[]?, byte[]?> record, string name) =>
        record.Message.Headers.TryGetLastBytes(name, out byte[] value) ? Encoding.UTF8.GetString(value) : null;
}
