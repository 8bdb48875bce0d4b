namespace GanWatch.Demo;

/// <summary>Settings of one <c>ganwatch demo</c> run.</summary>
internal sealed class DemoSettings
{
    /// <summary>NAB folder (with data/ and labels/) to replay instead of the synthetic series, or null.</summary>
    public string? NabFolder { get; init; }

    /// <summary>An existing model directory for the synthetic series, or null to train one.</summary>
    public string? ModelDirectory { get; init; }

    /// <summary>Synthetic series count.</summary>
    public int SeriesCount { get; init; } = 4;

    /// <summary>Points replayed per synthetic series.</summary>
    public int Points { get; init; } = 2000;

    /// <summary>Window length of models the demo trains.</summary>
    public int WindowLength { get; init; } = 32;

    /// <summary>Latent size of models the demo trains.</summary>
    public int LatentSize { get; init; } = 16;

    /// <summary>Base channel width of the generator, critic and encoder the demo trains; small, so training takes seconds.</summary>
    public int Width { get; init; } = 16;

    /// <summary>Generator steps of models the demo trains.</summary>
    public int TrainingSteps { get; init; } = 300;

    /// <summary>Encoder steps of models the demo trains.</summary>
    public int EncoderSteps { get; init; } = 300;

    /// <summary>Random seed for data and training.</summary>
    public int Seed { get; init; } = 7;

    /// <summary>Alerts printed in the alert table; the summary counts all of them.</summary>
    public int AlertsShown { get; init; } = 20;

    /// <summary>Test-half connections the KDD99 demo replays, a seeded random sample; small enough for the mock cluster's partitions.</summary>
    public int Kdd99Events { get; init; } = 20_000;

    /// <summary>Folder for trained models; a new temporary folder when null.</summary>
    public string? WorkDirectory { get; init; }
}
