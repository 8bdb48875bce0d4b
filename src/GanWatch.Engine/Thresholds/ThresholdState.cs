namespace GanWatch.Engine.Thresholds;

/// <summary>
/// The serialisable state of a threshold: the calibrated or current threshold and, for SPOT, the tail data it updates
/// from. Stored in model.json and used to start one threshold per series.
/// </summary>
public sealed class ThresholdState
{
    /// <summary>The method this state belongs to.</summary>
    public ThresholdMethod Method { get; set; }

    /// <summary>The threshold on scores.</summary>
    public double Value { get; set; }

    /// <summary>Quantile method: the quantile that was taken of the calibration scores.</summary>
    public double Quantile { get; set; }

    /// <summary>SPOT: the initial threshold t; scores above it are excesses.</summary>
    public double InitialThreshold { get; set; }

    /// <summary>SPOT: the risk level q.</summary>
    public double RiskLevel { get; set; }

    /// <summary>SPOT: number n of normal scores seen so far, including calibration.</summary>
    public long ObservationCount { get; set; }

    /// <summary>SPOT: number N_t of excesses seen so far, including those dropped from <see cref="Excesses"/>.</summary>
    public long ExcessCount { get; set; }

    /// <summary>SPOT: the most recent excesses x - t, oldest first, at most <see cref="MaxExcesses"/>.</summary>
    public double[] Excesses { get; set; } = [];

    /// <summary>SPOT: the number of excesses kept for the tail fit.</summary>
    public int MaxExcesses { get; set; }

    /// <summary>SPOT: fitted generalised Pareto shape gamma.</summary>
    public double Shape { get; set; }

    /// <summary>SPOT: fitted generalised Pareto scale sigma.</summary>
    public double Scale { get; set; }

    /// <summary>Returns a deep copy.</summary>
    public ThresholdState Clone()
    {
        var copy = (ThresholdState)MemberwiseClone();
        copy.Excesses = (double[])Excesses.Clone();
        return copy;
    }
}
