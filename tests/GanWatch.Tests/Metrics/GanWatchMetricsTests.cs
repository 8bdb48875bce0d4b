using GanWatch.Metrics;
using GanWatch.Streaming.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace GanWatch.Tests.Metrics;

/// <summary><see cref="GanWatchMetrics"/> and <see cref="MetricsOptions"/> in process, without a daemon.</summary>
public sealed class GanWatchMetricsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ModelGaugesFollowLoadedModels()
    {
        var time = new FakeTimeProvider(Now);
        List<LoadedModel> models = [new("/models/a", "v1", Now.AddHours(-2), 1.25), new("/models/b", "v7", Now.AddDays(-1), 0.5)];
        var metrics = new GanWatchMetrics(new StreamCounters(), () => models, time);

        MetricsExposition first = await CollectAsync(metrics);
        models = [new("/models/a", "v2", Now, 1.5)];
        time.Advance(TimeSpan.FromSeconds(30));
        MetricsExposition second = await CollectAsync(metrics);

        Assert.Equal(1, first.Value("ganwatch_model_info", ("model", "/models/a"), ("version", "v1")));
        Assert.Equal(7200, first.Value("ganwatch_model_age_seconds", ("model", "/models/a")));
        Assert.Equal(86400, first.Value("ganwatch_model_age_seconds", ("model", "/models/b")));
        Assert.Equal(0.5, first.Value("ganwatch_model_threshold", ("model", "/models/b")));
        Assert.Single(second.Samples("ganwatch_model_info"));
        Assert.Equal(1, second.Value("ganwatch_model_info", ("model", "/models/a"), ("version", "v2")));
        Assert.Equal(30, second.Value("ganwatch_model_age_seconds", ("version", "v2")));
        Assert.Empty(second.Samples("ganwatch_model_threshold", ("model", "/models/b")));
    }

    [Fact]
    public async Task ReloadsCountedByResult()
    {
        var metrics = new GanWatchMetrics(new StreamCounters(), () => [], TimeProvider.System);

        metrics.ConfigReloaded(succeeded: true);
        metrics.ConfigReloaded(succeeded: true);
        metrics.ConfigReloaded(succeeded: false);
        MetricsExposition scrape = await CollectAsync(metrics);

        Assert.Equal(2, scrape.Value("ganwatch_config_reloads_total", ("result", "success")));
        Assert.Equal(1, scrape.Value("ganwatch_config_reloads_total", ("result", "failure")));
        Assert.Equal(0, scrape.Value("ganwatch_fine_tune_runs_total", ("outcome", "failed")));
        Assert.Equal(13, scrape.Samples("ganwatch_dead_letters_total").Count);
    }

    [Fact]
    public async Task FineTuneRunsRecordedPerModel()
    {
        var metrics = new GanWatchMetrics(new StreamCounters(), () => [], TimeProvider.System);
        MetricsExposition before = await CollectAsync(metrics);

        metrics.FineTuneFinished("/models/a", GanWatchMetrics.Accepted, TimeSpan.FromSeconds(12), 0.25, new FineTuneValidation(0.91, 0.93, -0.02));
        metrics.FineTuneFinished("/models/a", GanWatchMetrics.Rejected, TimeSpan.FromSeconds(40), double.NaN, new FineTuneValidation(0.91, 0.5, 0.4));
        metrics.FineTuneFinished("/models/b", GanWatchMetrics.Skipped, TimeSpan.Zero, double.NaN, null);
        metrics.SetBufferedWindows("/models/b", 17);
        metrics.ModelTopicOperation("publish", succeeded: true);
        metrics.ModelTopicOperation("import", succeeded: false);
        MetricsExposition after = await CollectAsync(metrics);

        foreach (string name in new[] { "ganwatch_fine_tune_wasserstein_estimate", "ganwatch_fine_tune_live_auc", "ganwatch_fine_tune_candidate_auc",
                     "ganwatch_fine_tune_score_rise_ratio", "ganwatch_fine_tune_buffer_windows", "ganwatch_fine_tune_duration_seconds" })
        {
            Assert.True(before.Types.ContainsKey(name), $"{name} is not exported before the first run");
        }

        Assert.Equal(0, before.Value("ganwatch_fine_tune_runs_total", ("outcome", "accepted")));
        Assert.Equal(1, after.Value("ganwatch_fine_tune_runs_total", ("outcome", "accepted")));
        Assert.Equal(1, after.Value("ganwatch_fine_tune_runs_total", ("outcome", "rejected")));
        Assert.Equal(1, after.Value("ganwatch_fine_tune_runs_total", ("outcome", "skipped")));
        Assert.Equal(0, after.Value("ganwatch_fine_tune_runs_total", ("outcome", "failed")));
        Assert.Equal(3, after.Value("ganwatch_fine_tune_duration_seconds_count"));
        Assert.Equal(52, after.Value("ganwatch_fine_tune_duration_seconds_sum"));
        Assert.Equal(0.25, after.Value("ganwatch_fine_tune_wasserstein_estimate", ("model", "/models/a")));
        Assert.Equal(0.5, after.Value("ganwatch_fine_tune_candidate_auc", ("model", "/models/a")));
        Assert.Equal(0.91, after.Value("ganwatch_fine_tune_live_auc", ("model", "/models/a")));
        Assert.Equal(0.4, after.Value("ganwatch_fine_tune_score_rise_ratio", ("model", "/models/a")));
        Assert.Empty(after.Samples("ganwatch_fine_tune_live_auc", ("model", "/models/b")));
        Assert.Equal(17, after.Value("ganwatch_fine_tune_buffer_windows", ("model", "/models/b")));
        Assert.Equal(1, after.Value("ganwatch_model_topic_operations_total", ("operation", "publish"), ("result", "success")));
        Assert.Equal(1, after.Value("ganwatch_model_topic_operations_total", ("operation", "import"), ("result", "failure")));
    }

    [Fact]
    public async Task ObserverFillsHistograms()
    {
        var metrics = new GanWatchMetrics(new StreamCounters(), () => [], TimeProvider.System);

        metrics.OnBatchScored(3, TimeSpan.FromMilliseconds(4));
        metrics.OnBatchScored(200, TimeSpan.FromMilliseconds(300));
        metrics.OnAlertDelivered(TimeSpan.FromSeconds(2));
        metrics.OnAlertDelivered(TimeSpan.FromSeconds(-1));
        MetricsExposition scrape = await CollectAsync(metrics);

        Assert.Equal(2, scrape.Value("ganwatch_batch_size_windows_count"));
        Assert.Equal(203, scrape.Value("ganwatch_batch_size_windows_sum"));
        Assert.Equal(1, scrape.Value("ganwatch_batch_size_windows_bucket", ("le", "4")));
        Assert.Equal(1, scrape.Value("ganwatch_scoring_latency_seconds_bucket", ("le", "0.005")));
        Assert.Equal(0.304, scrape.Value("ganwatch_scoring_latency_seconds_sum"), 6);
        Assert.Equal(2, scrape.Value("ganwatch_end_to_end_latency_seconds_count"));
        Assert.Equal(2, scrape.Value("ganwatch_end_to_end_latency_seconds_sum"));
    }

    [Theory]
    [InlineData("127.0.0.1", 9464, 0)]
    [InlineData("+", 9100, 0)]
    [InlineData("[::1]", 9464, 0)]
    [InlineData("", 9464, 1)]
    [InlineData("http://localhost", 9464, 1)]
    [InlineData("localhost:9464", 9464, 1)]
    [InlineData("127.0.0.1", 0, 1)]
    [InlineData("127.0.0.1", 65536, 1)]
    [InlineData(" ", -1, 2)]
    public void OptionsValidation(string host, int port, int problems)
    {
        var options = new MetricsOptions { Host = host, Port = port };

        Assert.Equal(problems, options.Validate().Count);
        Assert.All(options.Validate(), problem => Assert.StartsWith("Metrics:", problem));
        Assert.Empty(new MetricsOptions { Enabled = false, Host = host, Port = port }.Validate());
    }

    private static async Task<MetricsExposition> CollectAsync(GanWatchMetrics metrics)
    {
        using var stream = new MemoryStream();
        await metrics.Registry.CollectAndExportAsTextAsync(stream, TestContext.Current.CancellationToken);
        return MetricsExposition.Parse(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }
}
