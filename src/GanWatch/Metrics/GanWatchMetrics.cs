using GanWatch.Streaming.Diagnostics;
using GanWatch.Streaming.Records;
using Prometheus;

namespace GanWatch.Metrics;

/// <summary>
/// Every <c>ganwatch_*</c> metric, in a registry of its own that also carries prometheus-net's process metrics
/// (<c>process_working_set_bytes</c>, <c>process_cpu_seconds_total</c>, <c>dotnet_total_memory_bytes</c> and others).
/// </summary>
/// <remarks>
/// Totals are copied from <see cref="StreamCounters"/> and the loaded models just before each scrape, so the stream
/// pipeline needs no metrics dependency. Histograms are filled as events happen, through <see cref="IStreamObserver"/>.
/// All members are thread-safe.
/// </remarks>
internal sealed partial class GanWatchMetrics : IStreamObserver
{
    private const string Success = "success";
    private const string Failure = "failure";

    private readonly StreamCounters _counters;
    private readonly Func<IReadOnlyList<LoadedModel>> _models;
    private readonly TimeProvider _time;

    private readonly Counter _recordsConsumed;
    private readonly Counter _recordsReplayed;
    private readonly Counter _warmUpRecords;
    private readonly Counter _windowsScored;
    private readonly Counter _alerts;
    private readonly Counter _suppressedWindows;
    private readonly Counter _deadLetters;
    private readonly Counter _outOfOrder;
    private readonly Counter _duplicates;
    private readonly Counter _pauses;
    private readonly Gauge _pendingWindows;
    private readonly Gauge _consumerLag;
    private readonly Histogram _batchSize;
    private readonly Histogram _scoringLatency;
    private readonly Histogram _endToEndLatency;
    private readonly Gauge _modelInfo;
    private readonly Gauge _modelAge;
    private readonly Gauge _modelThreshold;
    private readonly Counter _configReloads;
    private readonly Counter _unseenCategories;

    /// <summary>Creates the metrics and registers the scrape-time update.</summary>
    /// <param name="counters">Totals of the stream processor.</param>
    /// <param name="models">Returns the loaded models; called on the scrape thread.</param>
    /// <param name="timeProvider">Clock for the model age.</param>
    public GanWatchMetrics(StreamCounters counters, Func<IReadOnlyList<LoadedModel>> models, TimeProvider timeProvider)
    {
        _counters = counters;
        _models = models;
        _time = timeProvider;
        Registry = Prometheus.Metrics.NewCustomRegistry();
        DotNetStats.Register(Registry);
        IMetricFactory factory = Prometheus.Metrics.WithCustomRegistry(Registry);

        _recordsConsumed = factory.CreateCounter("ganwatch_records_consumed_total", "Input records read for processing, excluding replayed ones.");
        _recordsReplayed = factory.CreateCounter("ganwatch_records_replayed_total", "Input records re-read below the committed offset after an assignment, only to rebuild windows.");
        _warmUpRecords = factory.CreateCounter("ganwatch_warmup_records_total", "Input records that filled a series window without completing it (the first L-1 points of a series).");
        _windowsScored = factory.CreateCounter("ganwatch_windows_scored_total", "Windows scored by a model.");
        _alerts = factory.CreateCounter("ganwatch_alerts_total", "Alerts sent to the alert topic.");
        _suppressedWindows = factory.CreateCounter("ganwatch_suppressed_windows_total", "Anomalous windows that sent no alert because their episode was already open.");
        _deadLetters = factory.CreateCounter("ganwatch_dead_letters_total", "Records sent to the dead-letter topic, by reject reason.", ["reason"]);
        _outOfOrder = factory.CreateCounter("ganwatch_out_of_order_records_total", "Records older than their series' last point, dead-lettered or accepted by policy.");
        _duplicates = factory.CreateCounter("ganwatch_duplicate_timestamp_records_total", "Records with their series' last timestamp, dead-lettered or accepted by policy.");
        _pauses = factory.CreateCounter("ganwatch_partition_pauses_total", "Times the consumer paused its partitions because too many windows were pending.");
        _pendingWindows = factory.CreateGauge("ganwatch_pending_windows", "Windows queued for or being scored now.");
        _consumerLag = factory.CreateGauge("ganwatch_consumer_lag_records", "High watermark minus the consumer's position, per assigned input partition.", ["topic", "partition"]);
        _batchSize = factory.CreateHistogram("ganwatch_batch_size_windows", "Windows per scoring batch.",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(1, 2, 17) });
        _scoringLatency = factory.CreateHistogram("ganwatch_scoring_latency_seconds", "Wall-clock time to score one batch and queue its alerts.",
            new HistogramConfiguration { Buckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
        _endToEndLatency = factory.CreateHistogram("ganwatch_end_to_end_latency_seconds", "Time from an input record's Kafka timestamp to the broker's acknowledgement of the alert it caused.",
            new HistogramConfiguration { Buckets = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600] });
        _modelInfo = factory.CreateGauge("ganwatch_model_info", "Always 1 for each loaded model, labelled with its directory and version.", ["model", "version"]);
        _modelAge = factory.CreateGauge("ganwatch_model_age_seconds", "Time since the loaded model was trained and saved.", ["model", "version"]);
        _modelThreshold = factory.CreateGauge("ganwatch_model_threshold", "Calibrated threshold each series of the model starts from, in score units.", ["model", "version"]);
        _configReloads = factory.CreateCounter("ganwatch_config_reloads_total", "Configuration reloads, by result.", ["result"]);
        _unseenCategories = factory.CreateCounter("ganwatch_unseen_categories_total", "Event values of a categorical field outside the scoring model's training vocabulary, by field.", ["field"]);

        // Labelled series exist from the start, so dashboards and rate() see 0 before the first event.
        foreach (RejectReason reason in RejectReasonCodes.All)
        {
            _deadLetters.WithLabels(reason.ToCode());
        }

        _configReloads.WithLabels(Success);
        _configReloads.WithLabels(Failure);
        CreateFineTuneMetrics(factory);
        Registry.AddBeforeCollectCallback(UpdateBeforeScrape);
    }

    /// <summary>The registry to serve.</summary>
    public CollectorRegistry Registry { get; }

    /// <summary>Counts one configuration reload in <c>ganwatch_config_reloads_total</c>.</summary>
    /// <param name="succeeded">Whether the new configuration was applied.</param>
    public void ConfigReloaded(bool succeeded) => _configReloads.WithLabels(succeeded ? Success : Failure).Inc();

    /// <inheritdoc />
    public void OnBatchScored(int windows, TimeSpan latency)
    {
        _batchSize.Observe(windows);
        _scoringLatency.Observe(latency.TotalSeconds);
    }

    /// <inheritdoc />
    public void OnAlertDelivered(TimeSpan endToEnd) => _endToEndLatency.Observe(Math.Max(endToEnd.TotalSeconds, 0));
}
