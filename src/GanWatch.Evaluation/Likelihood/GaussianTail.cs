namespace GanWatch.Evaluation.Likelihood;

/// <summary>A normal distribution and its tail probability, as Numenta's anomaly likelihood uses them.</summary>
/// <param name="Mean">The mean.</param>
/// <param name="StandardDeviation">The standard deviation, positive.</param>
internal readonly record struct GaussianTail(double Mean, double StandardDeviation)
{
    /// <summary>NuPIC's fallback when there is too little data, or the metric is flat: mean 0.5, variance 1e6.</summary>
    internal static GaussianTail Null { get; } = new(0.5, 1000.0);

    /// <summary>
    /// Fits mean and population variance. As NuPIC does for anomaly scores, it then raises the mean to at least 0.03
    /// and the variance to at least 0.0003, so that a blip after a long quiet stretch does not reach the red zone at once.
    /// </summary>
    internal static GaussianTail Fit(ReadOnlySpan<double> samples)
    {
        var (mean, variance) = MeanAndVariance(samples);
        return new GaussianTail(Math.Max(mean, 0.03), Math.Sqrt(Math.Max(variance, 0.0003)));
    }

    internal static (double Mean, double Variance) MeanAndVariance(ReadOnlySpan<double> samples)
    {
        double mean = 0.0;
        foreach (var sample in samples)
        {
            mean += sample;
        }

        mean /= samples.Length;
        double variance = 0.0;
        foreach (var sample in samples)
        {
            variance += (sample - mean) * (sample - mean);
        }

        return (mean, variance / samples.Length);
    }

    /// <summary>
    /// Returns the two-sided tail probability Q(|x - mean| / sd), so values far below the mean are as unlikely as
    /// values far above it, as in NuPIC's <c>tailProbability</c>.
    /// </summary>
    internal double TailProbability(double x)
    {
        var z = Math.Abs(x - Mean) / StandardDeviation;
        return 0.5 * Erfc(z / Math.Sqrt(2.0));
    }

    /// <summary>
    /// Returns the complementary error function with relative error below 1.2e-7 everywhere (the Chebyshev fit of
    /// Numerical Recipes, 2nd edition, section 6.2), so small tails keep their precision.
    /// </summary>
    internal static double Erfc(double x)
    {
        var z = Math.Abs(x);
        var t = 1.0 / (1.0 + (0.5 * z));
        var polynomial = -z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
            + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
        var result = t * Math.Exp(polynomial);
        return x >= 0.0 ? result : 2.0 - result;
    }
}
