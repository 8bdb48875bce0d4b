namespace GanWatch.Evaluation.Baselines;

/// <summary>
/// A causal baseline detector: the score of a value is <c>|value - mean| / sd</c>, where mean and population standard
/// deviation are those of the previous <see cref="WindowSize"/> values, excluding the current one.
/// </summary>
/// <remarks>
/// The first value scores 0 because nothing precedes it. When the previous values are all equal, the standard
/// deviation is raised to <see cref="MinimumStandardDeviation"/>, so a change after a flat stretch scores high instead
/// of infinite. Instances are not thread-safe.
/// </remarks>
public sealed class RollingZScoreDetector
{
    private readonly double[] _window;
    private int _count;
    private int _next;

    /// <summary>Creates a detector.</summary>
    /// <param name="windowSize">The number of previous values in the statistics. Default 400.</param>
    /// <param name="minimumStandardDeviation">The lower bound of the standard deviation. Default 1e-6.</param>
    /// <exception cref="ArgumentOutOfRangeException">The window is smaller than 2, or the bound is not positive.</exception>
    public RollingZScoreDetector(int windowSize = 400, double minimumStandardDeviation = 1e-6)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(windowSize, 2);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(minimumStandardDeviation);
        _window = new double[windowSize];
        MinimumStandardDeviation = minimumStandardDeviation;
    }

    /// <summary>The number of previous values in the statistics.</summary>
    public int WindowSize => _window.Length;

    /// <summary>The lower bound of the standard deviation.</summary>
    public double MinimumStandardDeviation { get; }

    /// <summary>Scores every value of a series with a new detector.</summary>
    public static double[] ScoreSeries(ReadOnlySpan<double> values, int windowSize = 400)
    {
        var detector = new RollingZScoreDetector(windowSize);
        var scores = new double[values.Length];
        for (var index = 0; index < values.Length; index++)
        {
            scores[index] = detector.Update(values[index]);
        }

        return scores;
    }

    /// <summary>Returns the score of <paramref name="value"/> against the previous values, then adds it to the window.</summary>
    /// <exception cref="ArgumentException"><paramref name="value"/> is NaN or infinite.</exception>
    public double Update(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentException($"Value {value} is not a finite number.", nameof(value));
        }

        var score = 0.0;
        if (_count > 0)
        {
            double mean = 0.0;
            for (var index = 0; index < _count; index++)
            {
                mean += _window[index];
            }

            mean /= _count;
            double variance = 0.0;
            for (var index = 0; index < _count; index++)
            {
                variance += (_window[index] - mean) * (_window[index] - mean);
            }

            var deviation = Math.Max(Math.Sqrt(variance / _count), MinimumStandardDeviation);
            score = Math.Abs(value - mean) / deviation;
        }

        _window[_next] = value;
        _next = (_next + 1) % _window.Length;
        _count = Math.Min(_count + 1, _window.Length);
        return score;
    }
}
