namespace GanWatch.Tests.Support;

/// <summary>
/// One small event model, trained once per test class by <c>ganwatch train --events</c> in a child process from
/// JSON lines of <see cref="EventData"/>, with the schema file that the daemon tests also use as configuration.
/// </summary>
public sealed class EventModelFixture : IDisposable
{
    public EventModelFixture()
    {
        Directory = TempDirectory.Create("ganwatch-events");
        SchemaFile = Directory.File("schema.json");
        File.WriteAllText(SchemaFile, EventData.SchemaJson);
        string events = Directory.File("events.jsonl");
        File.WriteAllLines(events, EventData.Events(3000, seed: 1, isOutlier: _ => false));
        ModelDirectory = Directory.File("model");

        using GanWatchProcess train = GanWatchProcess.Start("train",
        [
            "train", "--events", events, "--schema", SchemaFile, "--out", ModelDirectory,
            "--steps", "1000", "--encoder-steps", "1000", "--width", "32", "--latent", "8", "--batch-size", "64",
            "--learning-rate", "0.001", "--threads", "1", "--seed", "5",
        ]);
        int exitCode = train.WaitForExitAsync(TimeSpan.FromMinutes(5), CancellationToken.None).GetAwaiter().GetResult();
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"ganwatch train --events failed with exit code {exitCode}: {train.StandardError}");
        }

        TrainOutput = train.StandardError;
    }

    /// <summary>The saved event model directory.</summary>
    public string ModelDirectory { get; }

    /// <summary>The schema file the model was trained with.</summary>
    public string SchemaFile { get; }

    /// <summary>What <c>ganwatch train</c> wrote to standard error.</summary>
    public string TrainOutput { get; }

    private TempDirectory Directory { get; }

    public void Dispose() => Directory.Dispose();
}
