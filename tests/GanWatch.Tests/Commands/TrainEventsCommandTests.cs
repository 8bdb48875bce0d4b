using System.Text.Json.Nodes;
using GanWatch.Tests.Support;

namespace GanWatch.Tests.Commands;

/// <summary><c>ganwatch train --events</c> as a real process on CSV files and schema files in a temporary folder.</summary>
public sealed class TrainEventsCommandTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task TrainFromCsvWritesEventModel()
    {
        using var directory = TempDirectory.Create("ganwatch-cli");
        string schema = WriteSchema(directory);
        string events = directory.File("events.csv");
        File.WriteAllLines(events, ["id,size,kind,extra", "a,1.5,x,9", "b,2.5,y,9", "c,3.5,x,9", "d,4.5,x,9"]);
        string model = directory.File("model");

        using GanWatchProcess train = GanWatchProcess.Start("train",
            ["train", "--events", events, "--schema", schema, "--out", model, "--steps", "3", "--encoder-steps", "3", "--width", "8", "--batch-size", "2", "--threads", "1", "--calibration-fraction", "0"]);
        Assert.Equal(0, await train.WaitForExitAsync(Timeout, TestContext.Current.CancellationToken));

        JsonNode json = JsonNode.Parse(File.ReadAllText(Path.Combine(model, "model.json")))!;
        JsonArray fields = json["features"]!["fields"]!.AsArray();
        Assert.Equal("size", (string)fields[0]!["name"]!);
        Assert.Equal("MinMax", (string)fields[0]!["scaling"]!);
        Assert.Equal(1.5, (double)fields[0]!["offset"]!);
        Assert.Equal(["x", "y"], fields[1]!["vocabulary"]!.AsArray().Select(n => (string)n!));
        Assert.Equal(4, (int)json["shape"]!["channels"]!);
        Assert.Equal(4, (long)json["data"]!["rows"]!);
    }

    [Fact]
    public async Task TrainNamesLineAndFieldOfBadEvent()
    {
        using var directory = TempDirectory.Create("ganwatch-cli");
        string schema = WriteSchema(directory);
        string events = directory.File("events.jsonl");
        File.WriteAllLines(events, ["""{"size": 1, "kind": "x"}""", """{"size": "big", "kind": "x"}"""]);

        using GanWatchProcess train = GanWatchProcess.Start("train", ["train", "--events", events, "--schema", schema, "--out", directory.File("model")]);
        int exitCode = await train.WaitForExitAsync(Timeout, TestContext.Current.CancellationToken);

        Assert.Equal(2, exitCode);
        Assert.Contains("Line 2", train.StandardError, StringComparison.Ordinal);
        Assert.Contains("Field 'size' must be a finite JSON number", train.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrainEventsNeedsSchema()
    {
        using var directory = TempDirectory.Create("ganwatch-cli");

        using GanWatchProcess train = GanWatchProcess.Start("train", ["train", "--events", directory.File("events.jsonl"), "--out", directory.File("model")]);
        int exitCode = await train.WaitForExitAsync(Timeout, TestContext.Current.CancellationToken);

        Assert.Equal(2, exitCode);
        Assert.Contains("--events needs --schema", train.StandardError, StringComparison.Ordinal);
    }

    private static string WriteSchema(TempDirectory directory)
    {
        string path = directory.File("schema.json");
        File.WriteAllText(path, """
            { "Fields": [
                { "Name": "id", "Kind": "PassThrough" },
                { "Name": "size", "Kind": "Numeric", "Scaling": "MinMax" },
                { "Name": "kind", "Kind": "Categorical" } ] }
            """);
        return path;
    }
}
