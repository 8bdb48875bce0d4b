using System.Text;
using GanWatch.Streaming.Events;
using GanWatch.Streaming.Records;

namespace GanWatch.Streaming.Tests.Events;

public sealed class EventDecoderTests
{
    private static readonly EventSchemaOptions Schema = new()
    {
        Fields =
        [
            new EventFieldOptions { Name = "bytes", Kind = EventFieldKind.Numeric },
            new EventFieldOptions { Name = "proto", Kind = EventFieldKind.Categorical },
            new EventFieldOptions { Name = "host", Kind = EventFieldKind.PassThrough },
            new EventFieldOptions { Name = "port", Kind = EventFieldKind.Categorical },
            new EventFieldOptions { Name = "duration", Kind = EventFieldKind.Numeric },
        ],
    };

    [Fact]
    public void Decode_ReadsFieldsBySchemaKind()
    {
        EventDecodeResult result = Decode("""{"bytes": 512, "proto": "tcp", "host": {"name": "a"}, "port": 443, "duration": 0.25, "other": "x"}""");

        Assert.True(result.IsSuccess, result.Error);
        Assert.Equal("points", result.Event.Series);
        Assert.Null(result.Event.Timestamp);
        Assert.Equal([512.0, 0.25], result.Event.Numbers);
        Assert.Equal(["tcp", "443"], result.Event.Categories);
        Assert.Equal("""{"name": "a"}""", result.Event.PassThrough["host"].GetRawText());
        Assert.Single(result.Event.PassThrough);
    }

    [Fact]
    public void Decode_BooleanCategoryAndAbsentPassThrough()
    {
        EventDecodeResult result = Decode("""{"bytes": 1, "proto": true, "port": "22", "duration": 0}""");

        Assert.True(result.IsSuccess, result.Error);
        Assert.Equal(["true", "22"], result.Event.Categories);
        Assert.Empty(result.Event.PassThrough);
    }

    [Theory]
    [InlineData("""{"proto": "tcp", "port": 1, "duration": 0}""", "bytes")]
    [InlineData("""{"bytes": null, "proto": "tcp", "port": 1, "duration": 0}""", "bytes")]
    [InlineData("""{"bytes": 1, "port": 1, "duration": 0}""", "proto")]
    [InlineData("""{"bytes": 1, "proto": "tcp", "port": 1}""", "duration")]
    public void Decode_MissingFieldIsNamed(string json, string field)
    {
        EventDecodeResult result = Decode(json);

        Assert.False(result.IsSuccess);
        Assert.Equal(RejectReason.MissingField, result.Reason);
        Assert.Equal(field, result.Field);
        Assert.Contains($"'{field}'", result.Error);
    }

    [Theory]
    [InlineData("""{"bytes": "512", "proto": "tcp", "port": 1, "duration": 0}""", "bytes")]
    [InlineData("""{"bytes": 1e999, "proto": "tcp", "port": 1, "duration": 0}""", "bytes")]
    [InlineData("""{"bytes": 1, "proto": ["tcp"], "port": 1, "duration": 0}""", "proto")]
    [InlineData("""{"bytes": 1, "proto": "tcp", "port": {"n": 1}, "duration": 0}""", "port")]
    public void Decode_MistypedFieldIsNamed(string json, string field)
    {
        EventDecodeResult result = Decode(json);

        Assert.False(result.IsSuccess);
        Assert.Equal(RejectReason.InvalidField, result.Reason);
        Assert.Equal(field, result.Field);
        Assert.Contains($"'{field}'", result.Error);
    }

    [Fact]
    public void Decode_SeriesAndTimestampFields()
    {
        var schema = new EventSchemaOptions { SeriesField = "tenant", TimestampField = "at", Fields = Schema.Fields };

        EventDecodeResult good = Decode("""{"tenant": "t1", "at": 1767225600000, "bytes": 1, "proto": "tcp", "port": 1, "duration": 0}""", schema);
        EventDecodeResult noSeries = Decode("""{"at": 1767225600000, "bytes": 1, "proto": "tcp", "port": 1, "duration": 0}""", schema);
        EventDecodeResult badTime = Decode("""{"tenant": "t1", "at": "soon", "bytes": 1, "proto": "tcp", "port": 1, "duration": 0}""", schema);

        Assert.True(good.IsSuccess, good.Error);
        Assert.Equal("t1", good.Event.Series);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), good.Event.Timestamp);
        Assert.Equal(RejectReason.MissingField, noSeries.Reason);
        Assert.Equal("tenant", noSeries.Field);
        Assert.Equal(RejectReason.InvalidTimestamp, badTime.Reason);
        Assert.Equal("at", badTime.Field);
        Assert.Contains("'at'", badTime.Error);
    }

    [Theory]
    [InlineData("[1, 2]", RejectReason.InvalidJson)]
    [InlineData("{\"bytes\": ", RejectReason.InvalidJson)]
    public void Decode_NotAnObjectIsInvalidJson(string json, RejectReason reason)
    {
        EventDecodeResult result = Decode(json);

        Assert.Equal(reason, result.Reason);
        Assert.Null(result.Field);
    }

    [Fact]
    public void Schema_ListsEveryProblem()
    {
        var schema = new EventSchemaOptions
        {
            SeriesField = " ",
            Fields = [new EventFieldOptions { Name = "a", Kind = EventFieldKind.PassThrough }, new EventFieldOptions { Name = "a", Kind = EventFieldKind.PassThrough }, new EventFieldOptions { Kind = EventFieldKind.PassThrough }],
        };

        IReadOnlyList<string> problems = schema.Validate();

        Assert.Equal(4, problems.Count);
        Assert.Contains(problems, p => p.Contains("listed twice"));
        Assert.Contains(problems, p => p.Contains("Fields:2:Name is empty"));
        Assert.Contains(problems, p => p.Contains("No field is Numeric or Categorical"));
        Assert.Contains(problems, p => p.Contains("SeriesField is blank"));
    }

    [Fact]
    public void Schema_MismatchNamesFieldsAndWindowModels()
    {
        var model = new Support.TestEventModel(numeric: ["bytes", "size"], categorical: ["proto", "port"]);

        Assert.Contains("[bytes, duration]", Assert.Single(Schema.Mismatches(model)));
        Assert.Contains("scores series windows", Assert.Single(Schema.Mismatches(new Support.ZScoreTestModel(8))));
        Assert.Empty(Schema.Mismatches(new Support.TestEventModel(numeric: ["bytes", "duration"], categorical: ["proto", "port"])));
    }

    private static EventDecodeResult Decode(string json, EventSchemaOptions? schema = null) =>
        EventDecoder.Decode("k"u8, Encoding.UTF8.GetBytes(json), 4096, schema ?? Schema, "points");
}
