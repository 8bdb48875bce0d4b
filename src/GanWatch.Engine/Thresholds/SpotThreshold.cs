namespace GanWatch.Engine.Thresholds;

/// <summary>
/// SPOT streaming threshold (Siffer et al., "Anomaly Detection in Streams with Extreme Value Theory", KDD 2017).
/// Excesses over an initial threshold t follow a generalised Pareto distribution (shape gamma, scale sigma); the
/// threshold for risk q is z_q = t + sigma / gamma * ((q * n / N_t)^(-gamma) - 1), or t - sigma * ln(q * n / N_t) when
/// gamma = 0, where n counts normal scores and N_t excesses. Not thread-safe: use one instance per series.
/// </summary>
/// <remarks>
/// Streaming: a score above z_q is an anomaly and changes nothing. A score between t and z_q is added as an excess,
/// and the distribution is refitted. Any other score only increments n. Only the last <see cref="ThresholdState.MaxExcesses"/>
/// excesses are kept for the fit, while n and N_t keep counting all scores. t itself is not updated.
/// NOTE: leaving anomalies out truncates the excesses at z_q, which biases the fitted shape downwards and lets the
/// threshold drift lower over time, more so when q / (1 - InitialQuantile) is large. On Exp(1) scores with t at the 0.98 quantile
/// and q = 1e-3 (5 % of excesses above z_q), z_q fell from 6.7 to 6.05 after 50,000 scores (true value 6.91); with
/// q = 1e-4 it fell from 8.8 to 8.5 (true value 9.21), although the fit alone is unbiased on untruncated Exp(1) excesses.
/// A censored-likelihood fit would remove this bias.
/// </remarks>
public sealed class SpotThreshold : IThreshold
{
    private readonly ThresholdState state;
    private readonly Queue<double> excesses;

    /// <summary>Creates a threshold from a stored state, for example a model's calibrated state.</summary>
    /// <exception cref="ArgumentException">The state is not a valid SPOT state.</exception>
    public SpotThreshold(ThresholdState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Method != ThresholdMethod.Spot || !double.IsFinite(state.InitialThreshold) || !(state.RiskLevel > 0 && state.RiskLevel < 1)
            || state.ObservationCount < 1 || state.ExcessCount < 0 || state.MaxExcesses < 1 || state.Excesses is null)
        {
            throw new ArgumentException(
                $"Invalid SPOT state (method {state.Method}, t {state.InitialThreshold}, q {state.RiskLevel}, n {state.ObservationCount}, " +
                $"N_t {state.ExcessCount}, max excesses {state.MaxExcesses}). Recalibrate the threshold from scores.",
                nameof(state));
        }

        this.state = state.Clone();
        excesses = new Queue<double>(state.Excesses);
        Refit();
    }

    /// <inheritdoc />
    public double Value => state.Value;

    /// <summary>
    /// Calibrates SPOT on <paramref name="scores"/> of normal data: t is their <see cref="ThresholdOptions.InitialQuantile"/>
    /// quantile, and the excesses over t are fitted.
    /// </summary>
    /// <exception cref="ArgumentException">The options are invalid, or the scores are empty or not finite.</exception>
    public static SpotThreshold Calibrate(IReadOnlyList<double> scores, ThresholdOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ThrowIfInvalid();
        var sorted = EmpiricalQuantile.SortedCopy(scores);
        double initial = EmpiricalQuantile.OfSorted(sorted, options.InitialQuantile);
        var tail = sorted.Where(s => s > initial).Select(s => s - initial).ToArray();

        return new SpotThreshold(new ThresholdState
        {
            Method = ThresholdMethod.Spot,
            InitialThreshold = initial,
            RiskLevel = options.RiskLevel,
            ObservationCount = sorted.Length,
            ExcessCount = tail.Length,
            Excesses = tail.Length > options.MaxExcesses ? tail[^options.MaxExcesses..] : tail,
            MaxExcesses = options.MaxExcesses,
        });
    }

    /// <inheritdoc />
    public bool IsAnomaly(double score) => score > state.Value;

    /// <inheritdoc />
    public void Observe(double score)
    {
        if (!double.IsFinite(score) || score > state.Value)
        {
            return;
        }

        state.ObservationCount++;
        if (score > state.InitialThreshold)
        {
            state.ExcessCount++;
            excesses.Enqueue(score - state.InitialThreshold);
            while (excesses.Count > state.MaxExcesses)
            {
                excesses.Dequeue();
            }

            Refit();
        }
    }

    /// <inheritdoc />
    public ThresholdState GetState()
    {
        var copy = state.Clone();
        copy.Excesses = excesses.ToArray();
        return copy;
    }

    /// <summary>Returns z_q for the given fit; never below t.</summary>
    internal static double Quantile(double initial, double shape, double scale, double risk, long observations, long excessCount)
    {
        if (excessCount == 0 || !(scale > 0))
        {
            return initial;
        }

        double ratio = risk * observations / excessCount;
        double value = Math.Abs(shape) < 1e-12
            ? initial - (scale * Math.Log(ratio))
            : initial + (scale / shape * (Math.Pow(ratio, -shape) - 1));
        return Math.Max(initial, value);
    }

    private void Refit()
    {
        var (shape, scale) = GeneralizedParetoFit.Fit(excesses.ToArray());
        state.Shape = shape;
        state.Scale = scale;
        state.Value = Quantile(state.InitialThreshold, shape, scale, state.RiskLevel, state.ObservationCount, state.ExcessCount);
    }
}
