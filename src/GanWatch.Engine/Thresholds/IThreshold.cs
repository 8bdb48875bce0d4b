namespace GanWatch.Engine.Thresholds;

/// <summary>
/// An anomaly threshold on window scores for one series. Implementations are not thread-safe; use one instance per
/// series from one thread at a time.
/// </summary>
public interface IThreshold
{
    /// <summary>The current threshold; a score above it is an anomaly.</summary>
    double Value { get; }

    /// <summary>Returns whether <paramref name="score"/> is above the current threshold, without changing any state.</summary>
    bool IsAnomaly(double score);

    /// <summary>Feeds one score into the threshold, which may update <see cref="Value"/>.</summary>
    void Observe(double score);

    /// <summary>Returns a copy of the state, for storing and for starting other series from it.</summary>
    ThresholdState GetState();
}
