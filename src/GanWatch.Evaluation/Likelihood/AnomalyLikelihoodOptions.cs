namespace GanWatch.Evaluation.Likelihood;

/// <summary>
/// Options for <see cref="AnomalyLikelihood"/>. The defaults are those of Numenta's
/// <c>nupic.algorithms.anomaly_likelihood.AnomalyLikelihood</c>.
/// </summary>
public sealed class AnomalyLikelihoodOptions
{
    /// <summary>Records whose raw scores are left out of the first Gaussian fit, because a model's early scores are unreliable. Default 288.</summary>
    public int LearningPeriod { get; set; } = 288;

    /// <summary>Records after the learning period that feed the first fit. Default 100. Until LearningPeriod + EstimationSamples records have arrived, the likelihood is 0.5.</summary>
    public int EstimationSamples { get; set; } = 100;

    /// <summary>The number of most recent raw scores kept for fitting. Default 8640 (30 days of 5-minute records).</summary>
    public int HistoricWindowSize { get; set; } = 8640;

    /// <summary>The Gaussian is fitted again whenever the record count is a multiple of this. Default 100.</summary>
    public int ReestimationPeriod { get; set; } = 100;

    /// <summary>The number of raw scores in each moving average, both for fitting and for the current value. Default 10.</summary>
    public int AveragingWindow { get; set; } = 10;

    /// <summary>
    /// Creates the options NAB's HTM detector uses for a file of <paramref name="rowCount"/> rows: the probation
    /// period p = min(floor(0.15 n), 750) is split into LearningPeriod floor(p / 2) and EstimationSamples p - floor(p / 2).
    /// </summary>
    public static AnomalyLikelihoodOptions ForNabSeries(int rowCount)
    {
        var probation = Nab.NabScoring.ProbationRows(rowCount);
        var learning = probation / 2;
        return new AnomalyLikelihoodOptions
        {
            LearningPeriod = learning,
            EstimationSamples = Math.Max(1, probation - learning),
        };
    }

    /// <summary>Returns every problem with these options, or an empty list when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (LearningPeriod < 0)
        {
            problems.Add($"LearningPeriod is {LearningPeriod}; set it to 0 or more records.");
        }

        if (EstimationSamples < 1)
        {
            problems.Add($"EstimationSamples is {EstimationSamples}; set it to 1 or more records.");
        }

        if (HistoricWindowSize < 1)
        {
            problems.Add($"HistoricWindowSize is {HistoricWindowSize}; set it to 1 or more records.");
        }

        if (ReestimationPeriod < 1)
        {
            problems.Add($"ReestimationPeriod is {ReestimationPeriod}; set it to 1 or more records.");
        }

        if (AveragingWindow < 1)
        {
            problems.Add($"AveragingWindow is {AveragingWindow}; set it to 1 or more records.");
        }

        return problems;
    }
}
