namespace GanWatch.Engine.FineTuning;

/// <summary>A kind of anomaly that <see cref="ReferenceAnomalies"/> injects into a normal window.</summary>
public enum ReferenceAnomalyKind
{
    /// <summary>One step of one channel moved by 4 to 8 standard deviations up or down.</summary>
    Spike,

    /// <summary>One channel moved by 2 to 4 standard deviations from a step in the middle half of the window to its end.</summary>
    LevelShift,

    /// <summary>Gaussian noise of 2 standard deviations added to a quarter of the window in one channel.</summary>
    NoiseBurst,

    /// <summary>Half of the window of one channel held at the value of its first step.</summary>
    FlatLine,
}
