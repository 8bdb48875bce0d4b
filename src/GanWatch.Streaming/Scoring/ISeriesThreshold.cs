namespace GanWatch.Streaming.Scoring;

/// <summary>The anomaly threshold of one series. Used only from the scoring thread.</summary>
public interface ISeriesThreshold
{
    /// <summary>Current threshold; a window is anomalous when its score is greater than this.</summary>
    double Value { get; }

    /// <summary>Updates the threshold with a scored window's score. Called after the threshold check of that window.</summary>
    void Observe(double score);
}
