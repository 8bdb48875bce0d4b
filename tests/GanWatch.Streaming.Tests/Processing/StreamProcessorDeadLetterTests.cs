using System.Text;
using Confluent.Kafka;
using GanWatch.Streaming.DeadLetters;
using GanWatch.Streaming.Records;
using GanWatch.Streaming.Scoring;
using GanWatch.Streaming.Tests.Support;

namespace GanWatch.Streaming.Tests.Processing;

public sealed class StreamProcessorDeadLetterTests
{
    private static string Ts(int second) => TestSeries.TimeOf(second).UtcDateTime.ToString("O");

    [Fact]
    public async Task BadRecordsGoToDeadLetters()
    {
        using var kafka = new KafkaTestCluster(inputPartitions: 1);
        var bad = new List<(RejectReason? Expected, Message<byte[]?, byte[]?> Message)>
        {
            (RejectReason.InvalidUtf8, new Message<byte[]?, byte[]?> { Key = "s"u8.ToArray(), Value = [0x7b, 0xff, 0xfe, 0x7d] }),
            (RejectReason.InvalidJson, KafkaTestCluster.Json("s", "{not json")),
            (RejectReason.MissingSeries, KafkaTestCluster.Json(null, $$"""{"ts":"{{Ts(1)}}","value":1}""")),
            (RejectReason.MissingValue, KafkaTestCluster.Json("s", $$"""{"ts":"{{Ts(1)}}"}""")),
            (RejectReason.NonNumericValue, KafkaTestCluster.Json("s", $$"""{"ts":"{{Ts(1)}}","value":"high"}""")),
            (RejectReason.NonFiniteValue, KafkaTestCluster.Json("s", $$"""{"ts":"{{Ts(1)}}","value":1e300}""")),
            (RejectReason.ChannelMismatch, KafkaTestCluster.Json("s", $$"""{"ts":"{{Ts(1)}}","values":[1,2]}""")),
            (RejectReason.InvalidTimestamp, KafkaTestCluster.Json("s", """{"ts":"yesterday","value":1}""")),
            (RejectReason.OversizeValue, KafkaTestCluster.Json("s", $$"""{"ts":"{{Ts(1)}}","value":1,"pad":"{{new string('x', 2000)}}"}""")),
            (null, KafkaTestCluster.Json("order", $$"""{"ts":"{{Ts(10)}}","value":1}""")),
            (RejectReason.OutOfOrder, KafkaTestCluster.Json("order", $$"""{"ts":"{{Ts(5)}}","value":1}""")),
            (RejectReason.DuplicateTimestamp, KafkaTestCluster.Json("order", $$"""{"ts":"{{Ts(10)}}","value":1}""")),
        };
        bad[0].Message.Headers = new Headers { { "trace-id", "abc"u8.ToArray() } };
        var good = TestSeries.Build(new Dictionary<string, int[]> { ["good"] = [] }, 0, 20);

        DeliveryResult<byte[]?, byte[]?>[] reports = await kafka.ProduceAsync(bad.Select(b => b.Message).Concat(good.Select(g => g.Message)));
        var options = kafka.CreateOptions("dead-letter-group");
        options.MaxValueBytes = 1024;
        var model = new ZScoreTestModel(windowLength: 8);
        var run = new ProcessorRun(options, new PatternModelRouter(model));
        await run.WaitForRecordsAsync(reports.Length);
        await run.StopAsync();

        List<ConsumeResult<byte[]?, byte[]?>> deadLetters = kafka.ReadAll(KafkaTestCluster.DeadLetterTopic);
        var expected = bad.Select((b, i) => (b.Expected, Report: reports[i])).Where(e => e.Expected is not null).ToList();
        Assert.Equal(expected.Count, deadLetters.Count);
        foreach ((RejectReason? reason, DeliveryResult<byte[]?, byte[]?> report) in expected)
        {
            ConsumeResult<byte[]?, byte[]?> letter = Assert.Single(deadLetters, d => Header(d, DeadLetterHeaders.SourceOffset) == report.Offset.Value.ToString());
            Assert.Equal(reason!.Value.ToCode(), Header(letter, DeadLetterHeaders.Reason));
            Assert.False(string.IsNullOrWhiteSpace(Header(letter, DeadLetterHeaders.Error)));
            Assert.Equal(KafkaTestCluster.InputTopic, Header(letter, DeadLetterHeaders.SourceTopic));
            Assert.Equal(report.Partition.Value.ToString(), Header(letter, DeadLetterHeaders.SourcePartition));
            Assert.Equal(report.Message.Value, letter.Message.Value);
            Assert.Equal(report.Message.Key, letter.Message.Key);
        }

        ConsumeResult<byte[]?, byte[]?> invalidUtf8 = deadLetters.Single(d => Header(d, DeadLetterHeaders.Reason) == "invalid_utf8");
        Assert.Equal("abc", Header(invalidUtf8, "trace-id"));

        var counters = run.Processor.Counters;
        Assert.Equal(expected.Count, counters.DeadLetters);
        Assert.All(expected, e => Assert.Equal(1, counters.DeadLettersFor(e.Expected!.Value)));
        Assert.Equal(1, counters.OutOfOrder);
        Assert.Equal(1, counters.Duplicates);
        Assert.Equal(20 - 7, counters.WindowsScored);
        Assert.Equal(kafka.EndOffsets(), kafka.Committed("dead-letter-group"));
    }

    private static string? Header(ConsumeResult<byte[]?, byte[]?> record, string name) =>
        record.Message.Headers.TryGetLastBytes(name, out byte[] value) ? Encoding.UTF8.GetString(value) : null;
}
