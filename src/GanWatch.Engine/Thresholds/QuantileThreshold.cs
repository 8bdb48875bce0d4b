namespace GanWatch.Engine.Thresholds;

/// <summary>
/// A fixed threshold at an empirical quantile of calibration scores. <see cref="Observe"/> does not change it.
/// Not thread-safe.
/// </summary>
public sealed class QuantileThreshold : IThreshold
{
    private readonly ThresholdState state;

    /// <summary>Creates a threshold from a stored state.</summary>
    /// <exception cref="ArgumentException">The state is not a quantile state or its value is not finite.</exception>
    public QuantileThreshold(ThresholdState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Method != ThresholdMethod.Quantile || !double.IsFinite(state.Value))
        {
            throw new ArgumentException(
                $"A quantile threshold needs a Quantile state with a finite value, but got method {state.Method} and value {state.Value}.",
                nameof(state));
        }

        this.state = state.Clone();
    }

    /// <inheritdoc />
    public double Value => state.Value;

    /// <summary>Returns a threshold at quantile <see cref="ThresholdOptions.Quantile"/> of <paramref name="scores"/>.</summary>
    /// <exception cref="ArgumentException">The options are invalid, or the scores are empty or not finite.</exception>
    public static QuantileThreshold Calibrate(IReadOnlyList<double> scores, ThresholdOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ThrowIfInvalid();
        var sorted = EmpiricalQuantile.SortedCopy(scores);
        return new QuantileThreshold(new ThresholdState
        {
            Method = ThresholdMethod.Quantile,
            Quantile = options.Quantile,
            Value = EmpiricalQuantile.OfSorted(sorted, options.Quantile),
            ObservationCount = sorted.Length,
        });
    }

    /// <inheritdoc />
    public bool IsAnomaly(double score) => score > state.Value;

    /// <summary>Counts the score; the threshold itself stays fixed.</summary>
    public void Observe(double score) => state.ObservationCount++;

    /// <inheritdoc />
    public ThresholdState GetState() => state.Clone();
}
