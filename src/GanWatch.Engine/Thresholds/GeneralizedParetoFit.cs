namespace GanWatch.Engine.Thresholds;

/// <summary>
/// Maximum-likelihood fit of a generalised Pareto distribution (shape gamma, scale sigma) to positive excesses, by
/// Grimshaw's method (1993) as used in SPOT (Siffer et al. 2017).
/// </summary>
/// <remarks>
/// Grimshaw reduces the two-parameter likelihood equations to one equation in theta = gamma / sigma:
/// w(theta) = u(theta) * v(theta) - 1 = 0, with u = mean(1 / (1 + theta * y)) and v = 1 + mean(ln(1 + theta * y)); each
/// root gives gamma = v - 1 and sigma = gamma / theta. Roots are found by a grid scan for sign changes plus bisection on
/// theta in (-1 / max(y), 0) and (0, 2 * (mean - min) / min^2). The exponential case (gamma = 0, sigma = mean) and the
/// method-of-moments estimate are added as candidates, and the candidate with the highest log-likelihood wins, so
/// the fit always returns a valid distribution.
/// </remarks>
internal static class GeneralizedParetoFit
{
    private const int GridPoints = 100;
    private const int BisectionSteps = 60;
    private const double Epsilon = 1e-8;

    /// <summary>Fits the distribution to <paramref name="excesses"/> (values over the initial threshold, all 0 or more).</summary>
    /// <returns>(gamma, sigma); (0, 0) when there are no positive excesses.</returns>
    public static (double Shape, double Scale) Fit(double[] excesses)
    {
        var y = new List<double>(excesses.Length);
        foreach (double value in excesses)
        {
            if (value > 0)
            {
                y.Add(value);
            }
        }

        if (y.Count == 0)
        {
            return (0, 0);
        }

        double mean = y.Average();
        double min = y.Min();
        double max = y.Max();
        var best = (Shape: 0.0, Scale: mean);
        double bestLikelihood = LogLikelihood(y, 0, mean);

        void Consider(double shape, double scale)
        {
            if (!(scale > 0) || !double.IsFinite(shape) || !double.IsFinite(scale))
            {
                return;
            }

            double likelihood = LogLikelihood(y, shape, scale);
            if (likelihood > bestLikelihood)
            {
                best = (shape, scale);
                bestLikelihood = likelihood;
            }
        }

        double variance = y.Sum(v => (v - mean) * (v - mean)) / Math.Max(1, y.Count - 1);
        if (variance > 0)
        {
            double ratio = mean * mean / variance;
            Consider(0.5 * (1 - ratio), 0.5 * mean * (ratio + 1));
        }

        if (max > min)
        {
            double left = (-1 / max) + Epsilon;
            double right = 2 * (mean - min) / (min * min);
            foreach (double theta in Roots(y, left, -Epsilon, geometric: false).Concat(Roots(y, Epsilon, right, geometric: true)))
            {
                double shape = V(y, theta) - 1;
                Consider(shape, shape / theta);
            }
        }

        return best;
    }

    /// <summary>Returns the GPD log-likelihood of <paramref name="y"/>, or negative infinity outside the support.</summary>
    public static double LogLikelihood(IReadOnlyList<double> y, double shape, double scale)
    {
        if (!(scale > 0))
        {
            return double.NegativeInfinity;
        }

        int n = y.Count;
        if (Math.Abs(shape) < 1e-12)
        {
            return (-n * Math.Log(scale)) - (y.Sum() / scale);
        }

        double sum = 0;
        foreach (double value in y)
        {
            double term = 1 + (shape * value / scale);
            if (term <= 0)
            {
                return double.NegativeInfinity;
            }

            sum += Math.Log(term);
        }

        return (-n * Math.Log(scale)) - ((1 + (1 / shape)) * sum);
    }

    private static IEnumerable<double> Roots(List<double> y, double low, double high, bool geometric)
    {
        if (!(high > low) || (geometric && low <= 0))
        {
            yield break;
        }

        double previousTheta = low;
        double previousValue = W(y, low);
        for (int i = 1; i <= GridPoints; i++)
        {
            double fraction = i / (double)GridPoints;
            double theta = geometric ? low * Math.Pow(high / low, fraction) : low + ((high - low) * fraction);
            double value = W(y, theta);
            if (double.IsFinite(previousValue) && double.IsFinite(value) && Math.Sign(previousValue) != Math.Sign(value))
            {
                yield return Bisect(y, previousTheta, theta, previousValue);
            }

            previousTheta = theta;
            previousValue = value;
        }
    }

    private static double Bisect(List<double> y, double low, double high, double lowValue)
    {
        for (int i = 0; i < BisectionSteps; i++)
        {
            double middle = 0.5 * (low + high);
            double value = W(y, middle);
            if (Math.Sign(value) == Math.Sign(lowValue))
            {
                low = middle;
                lowValue = value;
            }
            else
            {
                high = middle;
            }
        }

        return 0.5 * (low + high);
    }

    private static double W(List<double> y, double theta)
    {
        double u = 0;
        double logSum = 0;
        foreach (double value in y)
        {
            double s = 1 + (theta * value);
            u += 1 / s;
            logSum += Math.Log(s);
        }

        return (u / y.Count * (1 + (logSum / y.Count))) - 1;
    }

    private static double V(List<double> y, double theta) => 1 + y.Average(value => Math.Log(1 + (theta * value)));
}
