namespace GanWatch.Streaming.Scoring;

/// <summary>One trained anomaly model that scores fixed-length windows.</summary>
public interface IWindowModel
{
    /// <summary>Version string written into every alert the model causes.</summary>
    string Version { get; }

    /// <summary>Points per window (L).</summary>
    int WindowLength { get; }

    /// <summary>Values per point.</summary>
    int Channels { get; }

    /// <summary>
    /// Scores <paramref name="count"/> windows laid out as [count, channels, length] of raw values, oldest point first.
    /// Called only from the scoring thread. Returns one score per window, in input order.
    /// </summary>
    IReadOnlyList<WindowScore> Score(float[] windows, int count);

    /// <summary>Creates a fresh per-series threshold starting from the model's calibration.</summary>
    ISeriesThreshold CreateThreshold();
}
