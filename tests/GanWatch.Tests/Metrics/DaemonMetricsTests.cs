using System.Text.Json;
using GanWatch.Streaming.Alerts;
using GanWatch.Tests.Support;

namespace GanWatch.Tests.Metrics;

/// <summary>The metrics endpoint of a running daemon, read directly and through a real Prometheus server.</summary>
public sealed class DaemonMetricsTests(MetricsDaemonFixture daemon) : IClassFixture<MetricsDaemonFixture>
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task EndpointExportsEveryQueriedMetric()
    {
        MetricsExposition scrape = await MetricsExposition.ScrapeAsync(Http, daemon.MetricsUrl, TestContext.Current.CancellationToken);
        List<string> expressions = QueriedMetricNames.DashboardExpressions(RepositoryFiles.Dashboard);
        expressions.AddRange(QueriedMetricNames.RuleExpressions(RepositoryFiles.AlertRules));
        SortedSet<string> names = QueriedMetricNames.Names(expressions, "ganwatch_", "process_", "dotnet_");

        // Guards the parsing: a dashboard or rule file that yields few names would pass the loop below vacuously.
        Assert.True(names.Count >= 20, $"only {names.Count} metric names found in the dashboard and rules: {string.Join(", ", names)}");
        foreach (string name in names)
        {
            Assert.True(scrape.Types.ContainsKey(name), $"{name} is queried by the dashboard or the rules but not exported by the daemon");
        }
    }

    [Fact]
    public async Task CountersMatchProcessedStream()
    {
        CancellationToken cancellationToken = TestContext.Current.CancellationToken;
        MetricsExposition scrape = await MetricsExposition.ScrapeAsync(Http, daemon.MetricsUrl, cancellationToken);
        List<Alert> alerts = daemon.Bed.ReadAlerts();
        double consumed = scrape.Value("ganwatch_records_consumed_total");
        double windows = scrape.Value("ganwatch_windows_scored_total");
        double warmUp = scrape.Value("ganwatch_warmup_records_total");
        double deadLetters = scrape.Samples("ganwatch_dead_letters_total").Sum(sample => sample.Value);

        Assert.Equal(daemon.Records.Count, consumed);
        Assert.Equal(0, scrape.Value("ganwatch_records_replayed_total"));
        Assert.Equal(4 * (SineSignal.WindowLength - 1), warmUp);
        Assert.Equal(consumed, windows + warmUp + deadLetters);
        Assert.NotEmpty(alerts);
        Assert.Equal(alerts.Count, scrape.Value("ganwatch_alerts_total"));
        foreach (IGrouping<string?, StreamRecord> reason in daemon.Records.Where(r => r.RejectReason is not null).GroupBy(r => r.RejectReason))
        {
            Assert.Equal(reason.Count(), scrape.Value("ganwatch_dead_letters_total", ("reason", reason.Key!)));
        }

        Assert.Equal(1, scrape.Value("ganwatch_out_of_order_records_total"));
        Assert.Equal(1, scrape.Value("ganwatch_duplicate_timestamp_records_total"));
        Assert.Equal(0, scrape.Value("ganwatch_config_reloads_total", ("result", "failure")));
        Assert.Equal(0, scrape.Value("ganwatch_fine_tune_runs_total", ("outcome", "accepted")));
    }

    [Fact]
    public async Task HistogramsObserveBatchesAndAlerts()
    {
        MetricsExposition scrape = await MetricsExposition.ScrapeAsync(Http, daemon.MetricsUrl, TestContext.Current.CancellationToken);
        List<Alert> alerts = daemon.Bed.ReadAlerts();

        Assert.Equal("histogram", scrape.Types["ganwatch_scoring_latency_seconds"]);
        double batches = scrape.Value("ganwatch_batch_size_windows_count");
        Assert.True(batches > 0, "no scoring batch was observed");
        Assert.Equal(batches, scrape.Value("ganwatch_scoring_latency_seconds_count"));
        Assert.Equal(scrape.Value("ganwatch_windows_scored_total"), scrape.Value("ganwatch_batch_size_windows_sum"));
        Assert.Equal(alerts.Count, scrape.Value("ganwatch_end_to_end_latency_seconds_count"));
        Assert.True(scrape.Value("ganwatch_end_to_end_latency_seconds_sum") > 0, "end-to-end latencies must be positive");
    }

    [Fact]
    public async Task GaugesDescribeModelAndLag()
    {
        CancellationToken cancellationToken = TestContext.Current.CancellationToken;
        MetricsExposition scrape = await WaitForCaughtUpLagAsync(cancellationToken);

        Assert.Equal(1, scrape.Value("ganwatch_model_info", ("version", daemon.ModelVersion)));
        Assert.InRange(scrape.Value("ganwatch_model_age_seconds", ("version", daemon.ModelVersion)), 0.001, 86400);
        Assert.True(scrape.Value("ganwatch_model_threshold", ("version", daemon.ModelVersion)) > 0, "the calibrated threshold must be positive");
        Assert.Equal(DaemonTestBed.InputPartitions, scrape.Samples("ganwatch_consumer_lag_records", ("topic", daemon.Bed.Settings.InputTopic)).Count);
        Assert.True(scrape.Value("process_working_set_bytes") > 0, "process metrics must be exported");
    }

    [Fact]
    public async Task PrometheusScrapesDaemonAndEvaluatesRules()
    {
        if (!File.Exists(PrometheusServer.BinaryPath))
        {
            Assert.Skip($"{PrometheusServer.BinaryPath} is missing; install Debian's prometheus package (apt-get install prometheus) to run this test.");
        }

        CancellationToken cancellationToken = TestContext.Current.CancellationToken;
        using PrometheusServer prometheus = PrometheusServer.Start(daemon.MetricsTarget, RepositoryFiles.AlertRules);
        TimeSpan timeout = TimeSpan.FromSeconds(60);

        string consumed = await prometheus.WaitForQueryAsync(Http, "ganwatch_records_consumed_total",
            result => result.GetArrayLength() == 1 && SampleValue(result[0]) > 0, timeout, cancellationToken);
        Assert.Equal(daemon.Records.Count, SampleValue(JsonDocument.Parse(consumed).RootElement[0]));

        // Every rule has been evaluated without error against the daemon's real series, and none fires, because the
        // daemon is up, has no backlog and has dead-lettered nothing since Prometheus started.
        int ruleCount = QueriedMetricNames.RuleExpressions(RepositoryFiles.AlertRules).Count;
        string groups = await prometheus.WaitForRulesAsync(Http, g => Rules(g).Any(IsFailed) || Rules(g).Count(IsInactive) == ruleCount,
            timeout, cancellationToken);
        Assert.Equal(ruleCount, Rules(JsonDocument.Parse(groups).RootElement).Count());
        foreach (JsonElement rule in Rules(JsonDocument.Parse(groups).RootElement))
        {
            string name = rule.GetProperty("name").GetString()!;
            Assert.True(rule.GetProperty("health").GetString() == "ok", $"rule {name} failed: {rule.GetRawText()}");
            Assert.True(rule.GetProperty("state").GetString() == "inactive", $"rule {name} fires against a healthy daemon: {rule.GetRawText()}");
        }
    }

    private async Task<MetricsExposition> WaitForCaughtUpLagAsync(CancellationToken cancellationToken)
    {
        // The consumer samples lag about once a second, so the first scrape after the end may still show a backlog.
        for (int attempt = 0; ; attempt++)
        {
            MetricsExposition scrape = await MetricsExposition.ScrapeAsync(Http, daemon.MetricsUrl, cancellationToken);
            var lag = scrape.Samples("ganwatch_consumer_lag_records");
            if ((lag.Count == DaemonTestBed.InputPartitions && lag.All(sample => sample.Value == 0)) || attempt == 40)
            {
                Assert.True(lag.All(sample => sample.Value == 0), $"consumer lag stayed above 0 after the stream was processed:{Environment.NewLine}{scrape.Text}");
                return scrape;
            }

            await Task.Delay(250, cancellationToken);
        }
    }

    private static bool IsFailed(JsonElement rule) => rule.GetProperty("health").GetString() == "err";

    private static bool IsInactive(JsonElement rule) =>
        rule.GetProperty("health").GetString() == "ok" && rule.GetProperty("state").GetString() == "inactive";

    private static double SampleValue(JsonElement sample) =>
        double.Parse(sample.GetProperty("value")[1].GetString()!, System.Globalization.CultureInfo.InvariantCulture);

    private static IEnumerable<JsonElement> Rules(JsonElement groups) =>
        groups.EnumerateArray().SelectMany(group => group.GetProperty("rules").EnumerateArray()).ToList();
}
