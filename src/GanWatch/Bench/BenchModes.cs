using System.Diagnostics;
using GanWatch.Hosting;
using GanWatch.Streaming.Diagnostics;
using GanWatch.Streaming.Kafka;
using GanWatch.Streaming.Processing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace GanWatch.Bench;

/// <summary>The two measured modes of one repetition, each on its own topics of one embedded cluster.</summary>
/// <remarks>
/// The full-speed mode pre-produces every record before the daemon starts, so the topic must keep all of them: the
/// mock cluster keeps only about 5 MiB per partition and silently drops older records. The bench therefore puts series
/// s on partition s mod P (P = series count, at most 32) instead of producing concurrently, so the daemon and the
/// ceiling consumer read the same complete topic. <see cref="BenchSettings.Validate"/> rejects record counts that would
/// not fit.
/// </remarks>
internal sealed class BenchModes(EmbeddedKafkaCluster cluster, BenchSettings settings, string model, TextWriter log)
{
    private static readonly TimeSpan NoProgressTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Pre-produces the records, reads them with the ceiling consumer, then with the daemon.</summary>
    public async Task<FullSpeedResult> RunFullSpeedAsync(CancellationToken cancellationToken)
    {
        BenchTopics topics = BenchTopics.Create(cluster, "full", settings.Partitions);
        var stream = new BenchStream(settings.SeriesCount, settings.FullSpeedSpikeInterval, settings.Seed);
        using (var producer = new BenchProducer(cluster.BootstrapServers, topics.Input, settings.Partitions, stream))
        {
            producer.ProduceAll(settings.Records);
        }

        CeilingResult ceiling = CeilingConsumer.Read(cluster.BootstrapServers, topics.Input, settings.Records, TimeSpan.FromSeconds(30), cancellationToken);
        if (ceiling.Records < settings.Records)
        {
            log.WriteLine($"warning: the ceiling consumer read {ceiling.Records} of {settings.Records} records; the cluster dropped the rest (retention).");
        }

        using IHost host = GanWatchHost.Build(configPath: null, topics.HostSettings(cluster.BootstrapServers, model), loadSystemFiles: false);
        StreamCounters counters = host.Services.GetRequiredService<StreamProcessor>().Counters;
        var sampler = new ResourceSampler();
        await host.StartAsync(cancellationToken).ConfigureAwait(false);

        var clock = Stopwatch.StartNew();
        TimeSpan first = TimeSpan.Zero;
        var progress = new ProgressWatch(NoProgressTimeout);
        while (counters.RecordsConsumed < ceiling.Records || counters.PendingWindows > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken).ConfigureAwait(false);
            if (first == TimeSpan.Zero && counters.RecordsConsumed > 0)
            {
                first = clock.Elapsed;
            }

            progress.Check(counters, ceiling.Records);
        }

        TimeSpan elapsed = clock.Elapsed - first;
        ResourceUsage resources = await sampler.StopAsync().ConfigureAwait(false);
        await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        return new FullSpeedResult(counters.RecordsConsumed, elapsed, ceiling, counters.Alerts, resources);
    }

    /// <summary>Starts the daemon, then produces at the offered rate while a plain consumer reads the alerts.</summary>
    public async Task<RateResult> RunFixedRateAsync(CancellationToken cancellationToken)
    {
        BenchTopics topics = BenchTopics.Create(cluster, "rate", settings.Partitions);
        var stream = new BenchStream(settings.SeriesCount, settings.RateSpikeInterval, settings.Seed);
        long count = settings.RateRecords;

        using IHost host = GanWatchHost.Build(configPath: null, topics.HostSettings(cluster.BootstrapServers, model), loadSystemFiles: false);
        var processor = host.Services.GetRequiredService<StreamProcessor>();
        StreamCounters counters = processor.Counters;
        var assigned = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        processor.PartitionsAssigned += _ => assigned.TrySetResult();
        await host.StartAsync(cancellationToken).ConfigureAwait(false);

        // Produce only after the group join, so the first records' latency does not include the join.
        await assigned.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);

        using var reader = new AlertLatencyReader(cluster.BootstrapServers, topics.Alerts);
        using var producer = new BenchProducer(cluster.BootstrapServers, topics.Input, settings.Partitions, stream);
        var sampler = new ResourceSampler();
        long produced = 0;
        Task<TimeSpan> production = Task.Factory.StartNew(
            () => producer.ProducePaced(count, settings.Rate, n => Volatile.Write(ref produced, n), cancellationToken),
            cancellationToken,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

        var lags = new List<long>();
        while (!production.IsCompleted)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
            lags.Add(Math.Max(0, Volatile.Read(ref produced) - counters.RecordsConsumed));
        }

        TimeSpan produceTime = await production.ConfigureAwait(false);
        var drain = Stopwatch.StartNew();
        var progress = new ProgressWatch(NoProgressTimeout);
        while (counters.RecordsConsumed < count || counters.PendingWindows > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken).ConfigureAwait(false);
            progress.Check(counters, count);
        }

        drain.Stop();
        ResourceUsage resources = await sampler.StopAsync().ConfigureAwait(false);
        await WaitForAlertsAsync(reader, counters.Alerts, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<ReadAlert> alerts = reader.Stop();
        await host.StopAsync(CancellationToken.None).ConfigureAwait(false);

        var latencies = new List<double>(alerts.Count);
        foreach (ReadAlert alert in alerts)
        {
            if (producer.CreateTimes.TryGetValue((alert.Partition, alert.Offset), out long created))
            {
                latencies.Add(alert.ReadUnixMs - created);
            }
        }

        latencies.Sort();
        lags.Sort();
        return new RateResult(
            settings.Rate, count, produceTime, latencies, lags.Count > 0 ? lags[lags.Count / 2] : 0, lags.Count > 0 ? lags[^1] : 0, drain.Elapsed, resources);
    }

    private static async Task WaitForAlertsAsync(AlertLatencyReader reader, long published, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (reader.Count < published && deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken).ConfigureAwait(false);
        }
    }
}
