namespace GanWatch.Engine.Thresholds;

/// <summary>Creates thresholds by method, from calibration scores or from a stored state.</summary>
public static class ThresholdFactory
{
    /// <summary>Calibrates a threshold of <see cref="ThresholdOptions.Method"/> on scores of normal data.</summary>
    /// <exception cref="ArgumentException">The options are invalid, or the scores are empty or not finite.</exception>
    public static IThreshold Calibrate(IReadOnlyList<double> scores, ThresholdOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Method switch
        {
            ThresholdMethod.Quantile => QuantileThreshold.Calibrate(scores, options),
            ThresholdMethod.Spot => SpotThreshold.Calibrate(scores, options),
            _ => throw new ArgumentException($"Unknown threshold method {(int)options.Method}; use Quantile or Spot.", nameof(options)),
        };
    }

    /// <summary>Creates an independent threshold that starts from <paramref name="state"/>; the state itself is not changed.</summary>
    /// <exception cref="ArgumentException">The state is invalid for its method.</exception>
    public static IThreshold Create(ThresholdState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Method switch
        {
            ThresholdMethod.Quantile => new QuantileThreshold(state),
            ThresholdMethod.Spot => new SpotThreshold(state),
            _ => throw new ArgumentException($"Unknown threshold method {(int)state.Method} in the stored state; recalibrate the threshold.", nameof(state)),
        };
    }
}
