namespace GanWatch.Evaluation.Kdd99;

/// <summary>Every seed of one KDD99 run, with the mean and sample standard deviation of its metrics.</summary>
/// <param name="Seeds">One result per seed, in seed order.</param>
/// <param name="Elapsed">Wall time of the whole run, including reading the data.</param>
public sealed record Kdd99RunResult(IReadOnlyList<Kdd99SeedResult> Seeds, TimeSpan Elapsed)
{
    /// <summary>Mean and sample standard deviation (0 for one seed) of the precision over seeds.</summary>
    public (double Mean, double Std) Precision => Summarise(s => s.Metrics.Precision);

    /// <summary>Mean and sample standard deviation (0 for one seed) of the recall over seeds.</summary>
    public (double Mean, double Std) Recall => Summarise(s => s.Metrics.Recall);

    /// <summary>Mean and sample standard deviation (0 for one seed) of F1 over seeds.</summary>
    public (double Mean, double Std) F1 => Summarise(s => s.Metrics.F1);

    private (double Mean, double Std) Summarise(Func<Kdd99SeedResult, double> metric)
    {
        double[] values = Seeds.Select(metric).ToArray();
        double mean = values.Average();
        double std = values.Length < 2 ? 0 : Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
        return (mean, std);
    }
}
