namespace GanWatch.Evaluation.Likelihood;

/// <summary>
/// Turns a stream of raw anomaly scores into anomaly likelihoods in the manner of Numenta's
/// <c>nupic.algorithms.anomaly_likelihood.AnomalyLikelihood</c>.
/// </summary>
/// <remarks>
/// <para>
/// The class keeps the last <see cref="AnomalyLikelihoodOptions.HistoricWindowSize"/> raw scores. Once
/// LearningPeriod + EstimationSamples records have arrived, it fits a Gaussian to the moving averages
/// (<see cref="AnomalyLikelihoodOptions.AveragingWindow"/> scores) of that history, skipping the learning period
/// while it is still in the history, and fits again every <see cref="AnomalyLikelihoodOptions.ReestimationPeriod"/>
/// records. The likelihood of a record is 1 minus the two-sided Gaussian tail probability of the moving average that
/// ends at the record. When two records in a row have a tail at most 1e-5, the second reports 0.999, as NuPIC's filter
/// does, so that only the onset of a run of extreme values reaches the top of the scale.
/// </para>
/// <para>
/// The value for a record depends only on that record and earlier ones. When metric values are given and their
/// variance over the fitted span is below 1.5e-5, the fit is replaced by a wide null distribution, as NuPIC does for
/// flat metrics. Instances are not thread-safe.
/// </para>
/// </remarks>
public sealed class AnomalyLikelihood
{
    private const double RedZoneTail = 1e-5;
    private const double YellowZoneTail = 1e-3;
    private const double FlatMetricVariance = 1.5e-5;

    private readonly AnomalyLikelihoodOptions _options;
    private readonly double[] _historyScores;
    private readonly double[] _historyMetrics;
    private readonly Queue<double> _recentScores = new();
    private int _historyStart;
    private int _historyCount;
    private double _recentTotal;
    private long _recordCount;
    private GaussianTail? _distribution;
    private double _previousTail = 1.0;

    /// <summary>Creates an estimator.</summary>
    /// <param name="options">The options; null uses the defaults.</param>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    public AnomalyLikelihood(AnomalyLikelihoodOptions? options = null)
    {
        _options = options ?? new AnomalyLikelihoodOptions();
        var problems = _options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid anomaly likelihood options: " + string.Join(" ", problems), nameof(options));
        }

        _historyScores = new double[_options.HistoricWindowSize];
        _historyMetrics = new double[_options.HistoricWindowSize];
    }

    /// <summary>The number of records seen so far.</summary>
    public long RecordCount => _recordCount;

    /// <summary>
    /// Returns NAB's log-scaled likelihood <c>ln(1.0000000001 - likelihood) / -23.02585</c>, which spreads values near
    /// 1 over [0, 1]: 0.5 maps to about 0.030, 0.999 to 0.3 and 0.99999 to 0.5.
    /// </summary>
    public static double LogLikelihood(double likelihood) => Math.Log(1.0000000001 - likelihood) / -23.02585084720009;

    /// <summary>
    /// Adds one record and returns its anomaly likelihood in [0, 1]; 0.5 during the learning and estimation period.
    /// </summary>
    /// <param name="rawScore">The detector's raw anomaly score; any finite scale.</param>
    /// <param name="metricValue">The input value of the record, used only to detect flat metrics; null when unknown.</param>
    /// <exception cref="ArgumentException"><paramref name="rawScore"/> is NaN or infinite.</exception>
    public double Update(double rawScore, double? metricValue = null)
    {
        if (!double.IsFinite(rawScore))
        {
            throw new ArgumentException($"Raw score {rawScore} is not a finite number.", nameof(rawScore));
        }

        var likelihood = 0.5;
        if (_recordCount >= _options.LearningPeriod + _options.EstimationSamples)
        {
            if (_distribution is null || _recordCount % _options.ReestimationPeriod == 0)
            {
                Estimate();
            }

            AddRecent(rawScore);
            var tail = _distribution!.Value.TailProbability(_recentTotal / _recentScores.Count);
            var filtered = tail <= RedZoneTail && _previousTail <= RedZoneTail ? YellowZoneTail : tail;
            _previousTail = tail;
            likelihood = 1.0 - filtered;
        }
        else
        {
            AddRecent(rawScore);
        }

        AddHistory(rawScore, metricValue ?? double.NaN);
        _recordCount++;
        return likelihood;
    }

    private void Estimate()
    {
        var shiftedOut = Math.Max(0L, _recordCount - _options.HistoricWindowSize);
        var skip = (int)Math.Min(_recordCount, Math.Max(0L, _options.LearningPeriod - shiftedOut));
        if (_historyCount <= skip)
        {
            _distribution = GaussianTail.Null;
        }
        else
        {
            var averages = MovingAveragesOfHistory();
            var fitted = GaussianTail.Fit(averages.AsSpan(skip));
            var metrics = new double[_historyCount - skip];
            for (var index = 0; index < metrics.Length; index++)
            {
                metrics[index] = HistoryMetric(skip + index);
            }

            var metricsKnown = !Array.Exists(metrics, double.IsNaN);
            var flat = metricsKnown && GaussianTail.MeanAndVariance(metrics).Variance < FlatMetricVariance;
            _distribution = flat ? GaussianTail.Null : fitted;
        }

        // The previous record's tail under the new fit, which is what NuPIC's filter compares against after refitting.
        _previousTail = _recentScores.Count == 0 ? 1.0 : _distribution.Value.TailProbability(_recentTotal / _recentScores.Count);
    }

    private double[] MovingAveragesOfHistory()
    {
        var averages = new double[_historyCount];
        var window = _options.AveragingWindow;
        double total = 0.0;
        for (var index = 0; index < _historyCount; index++)
        {
            total += HistoryScore(index);
            if (index >= window)
            {
                total -= HistoryScore(index - window);
            }

            averages[index] = total / Math.Min(index + 1, window);
        }

        return averages;
    }

    private void AddRecent(double rawScore)
    {
        _recentScores.Enqueue(rawScore);
        _recentTotal += rawScore;
        if (_recentScores.Count > _options.AveragingWindow)
        {
            _recentTotal -= _recentScores.Dequeue();
        }
    }

    private void AddHistory(double rawScore, double metricValue)
    {
        var capacity = _historyScores.Length;
        var slot = (_historyStart + _historyCount) % capacity;
        _historyScores[slot] = rawScore;
        _historyMetrics[slot] = metricValue;
        if (_historyCount < capacity)
        {
            _historyCount++;
        }
        else
        {
            _historyStart = (_historyStart + 1) % capacity;
        }
    }

    private double HistoryScore(int index) => _historyScores[(_historyStart + index) % _historyScores.Length];

    private double HistoryMetric(int index) => _historyMetrics[(_historyStart + index) % _historyMetrics.Length];
}
