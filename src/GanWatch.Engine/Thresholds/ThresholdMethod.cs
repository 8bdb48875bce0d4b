namespace GanWatch.Engine.Thresholds;

/// <summary>How the anomaly threshold on window scores is set.</summary>
public enum ThresholdMethod
{
    /// <summary>A fixed empirical quantile of the calibration scores.</summary>
    Quantile,

    /// <summary>SPOT (Siffer et al. 2017): extreme value theory on the score tail, updated as scores stream in.</summary>
    Spot,
}
