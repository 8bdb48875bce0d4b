namespace GanWatch.Engine.Thresholds;

/// <summary>Settings for calibrating an anomaly threshold from scores of normal data.</summary>
public sealed class ThresholdOptions
{
    /// <summary>Threshold method. Default <see cref="ThresholdMethod.Spot"/>.</summary>
    public ThresholdMethod Method { get; set; } = ThresholdMethod.Spot;

    /// <summary>Quantile of the calibration scores used by <see cref="ThresholdMethod.Quantile"/>, in (0, 1). Default 0.995.</summary>
    public double Quantile { get; set; } = 0.995;

    /// <summary>SPOT: quantile of the calibration scores used as the initial threshold t, in (0, 1). Default 0.98.</summary>
    public double InitialQuantile { get; set; } = 0.98;

    /// <summary>
    /// SPOT: risk level q, the target probability that a normal score exceeds the threshold, in (0, 1 - InitialQuantile).
    /// Default 1e-3; 1e-4 gives fewer alarms.
    /// </summary>
    public double RiskLevel { get; set; } = 1e-3;

    /// <summary>SPOT: number of most recent excesses over t kept for the tail fit. Default 2000; bounds the cost of each refit.</summary>
    public int MaxExcesses { get; set; } = 2000;

    /// <summary>Returns every problem with these options; an empty list means they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!Enum.IsDefined(Method))
        {
            problems.Add($"Method is {(int)Method}; use Quantile or Spot.");
        }

        if (!(Quantile > 0 && Quantile < 1))
        {
            problems.Add($"Quantile is {Quantile}; it must be in (0, 1), for example 0.995.");
        }

        if (!(InitialQuantile > 0 && InitialQuantile < 1))
        {
            problems.Add($"InitialQuantile is {InitialQuantile}; it must be in (0, 1), for example 0.98.");
        }

        if (!(RiskLevel > 0 && RiskLevel < 1 - InitialQuantile))
        {
            problems.Add($"RiskLevel is {RiskLevel}; it must be in (0, 1 - InitialQuantile = {1 - InitialQuantile}), for example 1e-3.");
        }

        if (MaxExcesses < 10)
        {
            problems.Add($"MaxExcesses is {MaxExcesses}; it must be at least 10 for a usable tail fit.");
        }

        return problems;
    }

    /// <summary>Throws <see cref="ArgumentException"/> listing every problem when <see cref="Validate"/> finds any.</summary>
    public void ThrowIfInvalid()
    {
        var problems = Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid threshold options: " + string.Join(" ", problems));
        }
    }
}
