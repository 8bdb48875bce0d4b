using System.Text;
using GanWatch.Streaming.Records;

namespace GanWatch.Streaming.Tests.Records;

public sealed class RecordDecoderTests
{
    private static DecodeResult Decode(string? key, string value, int maxValueBytes = 1024) =>
        RecordDecoder.Decode(key is null ? default : Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(value), maxValueBytes);

    [Theory]
    [InlineData("{not json", RejectReason.InvalidJson)]
    [InlineData("[1,2]", RejectReason.InvalidJson)]
    [InlineData("""{"ts":1,"value":1,"values":[1]}""", RejectReason.InvalidJson)]
    [InlineData("""{"ts":1,"value":1,"series":""}""", RejectReason.MissingSeries)]
    [InlineData("""{"ts":1,"value":1,"series":7}""", RejectReason.MissingSeries)]
    [InlineData("""{"ts":1}""", RejectReason.MissingValue)]
    [InlineData("""{"ts":1,"values":[]}""", RejectReason.MissingValue)]
    [InlineData("""{"ts":1,"value":"5"}""", RejectReason.NonNumericValue)]
    [InlineData("""{"ts":1,"value":null}""", RejectReason.NonNumericValue)]
    [InlineData("""{"ts":1,"values":[1,true]}""", RejectReason.NonNumericValue)]
    [InlineData("""{"ts":1,"values":5}""", RejectReason.NonNumericValue)]
    [InlineData("""{"ts":1,"value":1e39}""", RejectReason.NonFiniteValue)]
    [InlineData("""{"ts":1,"values":[1,1e999]}""", RejectReason.NonFiniteValue)]
    [InlineData("""{"value":1}""", RejectReason.InvalidTimestamp)]
    [InlineData("""{"ts":"01/02/2026","value":1}""", RejectReason.InvalidTimestamp)]
    [InlineData("""{"ts":"2026-13-01T00:00:00Z","value":1}""", RejectReason.InvalidTimestamp)]
    [InlineData("""{"ts":true,"value":1}""", RejectReason.InvalidTimestamp)]
    [InlineData("""{"ts":1e30,"value":1}""", RejectReason.InvalidTimestamp)]
    public void BadValueFailsWithReason(string value, RejectReason expected)
    {
        DecodeResult result = Decode("series-1", value);

        Assert.False(result.IsSuccess);
        Assert.Equal(expected, result.Reason);
        Assert.False(string.IsNullOrWhiteSpace(result.Error));
    }

    [Fact]
    public void MissingKeyAndSeriesFails()
    {
        DecodeResult result = Decode(null, """{"ts":1,"value":1}""");

        Assert.Equal(RejectReason.MissingSeries, result.Reason);
    }

    [Fact]
    public void InvalidUtf8KeyOrValueFails()
    {
        byte[] badBytes = [0x7b, 0xc3, 0x28, 0x7d];

        Assert.Equal(RejectReason.InvalidUtf8, RecordDecoder.Decode(badBytes, """{"ts":1,"value":1}"""u8, 1024).Reason);
        Assert.Equal(RejectReason.InvalidUtf8, RecordDecoder.Decode("k"u8, badBytes, 1024).Reason);
    }

    [Fact]
    public void OversizeValueFailsBeforeParsing()
    {
        DecodeResult result = Decode("k", "{" + new string(' ', 200) + "}", maxValueBytes: 100);

        Assert.Equal(RejectReason.OversizeValue, result.Reason);
        Assert.Contains("100", result.Error);
    }

    [Fact]
    public void IsoTimestampAndValueDecode()
    {
        DecodeResult result = Decode("cpu-1", """{"ts":"2026-03-04T05:06:07.5+02:00","value":-2.5}""");

        Assert.True(result.IsSuccess);
        Assert.Equal("cpu-1", result.Record.Series);
        Assert.Equal(new DateTimeOffset(2026, 3, 4, 3, 6, 7, 500, TimeSpan.Zero), result.Record.Timestamp);
        Assert.Equal([-2.5f], result.Record.Values);
    }

    [Fact]
    public void IsoTimestampWithoutOffsetIsUtc()
    {
        DecodeResult result = Decode("cpu-1", """{"ts":"2026-03-04T05:06:07","value":1}""");

        Assert.Equal(new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero), result.Record!.Timestamp);
    }

    [Fact]
    public void UnixMillisecondsAndValuesDecode()
    {
        DecodeResult result = Decode("m", """{"ts":1767225600123,"values":[1,2.5,-3]}""");

        Assert.True(result.IsSuccess);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1767225600123), result.Record.Timestamp);
        Assert.Equal([1f, 2.5f, -3f], result.Record.Values);
    }

    [Fact]
    public void SeriesFieldOverridesKey()
    {
        DecodeResult withKey = Decode("key-id", """{"ts":1,"value":1,"series":"field-id"}""");
        DecodeResult withoutKey = Decode(null, """{"ts":1,"value":1,"series":"field-id"}""");

        Assert.Equal("field-id", withKey.Record!.Series);
        Assert.Equal("field-id", withoutKey.Record!.Series);
    }

    [Fact]
    public void EveryReasonHasDistinctCode()
    {
        var codes = RejectReasonCodes.All.Select(reason => reason.ToCode()).ToList();

        Assert.Equal(13, codes.Count);
        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.All(codes, code => Assert.Matches("^[a-z0-9_]+$", code));
    }
}
