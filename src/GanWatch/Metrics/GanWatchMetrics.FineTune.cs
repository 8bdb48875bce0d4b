using Prometheus;

namespace GanWatch.Metrics;

/// <summary>Metrics of fine-tuning runs and of the model topic.</summary>
internal sealed partial class GanWatchMetrics
{
    /// <summary>Outcome label of a run that produced an accepted candidate.</summary>
    public const string Accepted = "accepted";

    /// <summary>Outcome label of a run whose candidate failed the validation gate.</summary>
    public const string Rejected = "rejected";

    /// <summary>Outcome label of a run skipped because too few windows were buffered.</summary>
    public const string Skipped = "skipped";

    /// <summary>Outcome label of a run that threw, or whose accepted candidate could not be saved or swapped in.</summary>
    public const string Failed = "failed";

    private Counter _fineTuneRuns = null!;
    private Histogram _fineTuneDuration = null!;
    private Gauge _wassersteinEstimate = null!;
    private Gauge _liveAuc = null!;
    private Gauge _candidateAuc = null!;
    private Gauge _scoreRise = null!;
    private Gauge _bufferWindows = null!;
    private Counter _modelTopicOperations = null!;

    /// <summary>
    /// Counts one fine-tuning run of <paramref name="model"/> (the model directory, used as the <c>model</c> label) with
    /// <paramref name="outcome"/> (<see cref="Accepted"/>, <see cref="Rejected"/>, <see cref="Skipped"/> or
    /// <see cref="Failed"/>), and records its duration, its last Wasserstein estimate (skipped when NaN) and the
    /// validation numbers when the run reached the gate.
    /// </summary>
    public void FineTuneFinished(string model, string outcome, TimeSpan duration, double wassersteinEstimate, FineTuneValidation? validation)
    {
        _fineTuneRuns.WithLabels(outcome).Inc();
        _fineTuneDuration.Observe(duration.TotalSeconds);
        if (double.IsFinite(wassersteinEstimate))
        {
            _wassersteinEstimate.WithLabels(model).Set(wassersteinEstimate);
        }

        if (validation is { } numbers)
        {
            _liveAuc.WithLabels(model).Set(numbers.LiveAuc);
            _candidateAuc.WithLabels(model).Set(numbers.CandidateAuc);
            _scoreRise.WithLabels(model).Set(numbers.ScoreRise);
        }
    }

    /// <summary>Sets the number of normal windows buffered for fine-tuning <paramref name="model"/>.</summary>
    public void SetBufferedWindows(string model, int windows) => _bufferWindows.WithLabels(model).Set(windows);

    /// <summary>Counts one publish to, or import from, the model topic.</summary>
    /// <param name="operation"><c>publish</c> or <c>import</c>.</param>
    /// <param name="succeeded">Whether the operation finished.</param>
    public void ModelTopicOperation(string operation, bool succeeded) => _modelTopicOperations.WithLabels(operation, succeeded ? Success : Failure).Inc();

    private void CreateFineTuneMetrics(IMetricFactory factory)
    {
        _fineTuneRuns = factory.CreateCounter("ganwatch_fine_tune_runs_total", "Model fine-tuning runs, by outcome: accepted, rejected, skipped or failed.", ["outcome"]);
        _fineTuneDuration = factory.CreateHistogram("ganwatch_fine_tune_duration_seconds", "Wall-clock time of one fine-tuning run, from the buffer snapshot to the gate's decision.",
            new HistogramConfiguration { Buckets = [1, 5, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200] });
        _wassersteinEstimate = factory.CreateGauge("ganwatch_fine_tune_wasserstein_estimate", "The critic's last Wasserstein distance estimate in the model's latest WGAN-GP fine-tuning run.", ["model"]);
        _liveAuc = factory.CreateGauge("ganwatch_fine_tune_live_auc", "ROC AUC of the live model on the reference anomalies of the latest fine-tuning run that reached the validation gate.", ["model"]);
        _candidateAuc = factory.CreateGauge("ganwatch_fine_tune_candidate_auc", "ROC AUC of the candidate on the reference anomalies of the latest fine-tuning run that reached the validation gate.", ["model"]);
        _scoreRise = factory.CreateGauge("ganwatch_fine_tune_score_rise_ratio", "Relative rise of the candidate's mean held-out normal score over the live model's in the latest gated run (0.1 is 10 %).", ["model"]);
        _bufferWindows = factory.CreateGauge("ganwatch_fine_tune_buffer_windows", "Normal windows buffered for the model's next fine-tuning run.", ["model"]);
        _modelTopicOperations = factory.CreateCounter("ganwatch_model_topic_operations_total", "Model versions published to or imported from the model topic, by result.", ["operation", "result"]);

        foreach (string outcome in new[] { Accepted, Rejected, Skipped, Failed })
        {
            _fineTuneRuns.WithLabels(outcome);
        }

        foreach (string operation in new[] { "publish", "import" })
        {
            _modelTopicOperations.WithLabels(operation, Success);
            _modelTopicOperations.WithLabels(operation, Failure);
        }
    }
}

/// <summary>The validation numbers of one fine-tuning run, for metrics.</summary>
/// <param name="LiveAuc">ROC AUC of the live model on the reference anomalies.</param>
/// <param name="CandidateAuc">ROC AUC of the candidate on the same anomalies.</param>
/// <param name="ScoreRise">Relative rise of the candidate's mean held-out normal score over the live model's.</param>
internal readonly record struct FineTuneValidation(double LiveAuc, double CandidateAuc, double ScoreRise);
