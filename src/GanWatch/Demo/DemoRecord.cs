namespace GanWatch.Demo;

/// <summary>One record the demo replays into the input topic, with its row index in its own series.</summary>
internal sealed record DemoRecord(string Series, int Row, DateTimeOffset Timestamp, float Value);

/// <summary>One series of the demo: its id, the rows used for training, and the model directory that scores it.</summary>
internal sealed record DemoSeries(string Id, float[] TrainingRows, string ModelDirectory);
