using System.Diagnostics;
using GanWatch.Streaming.Kafka;

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

        await using IBenchDaemon daemon = CreateDaemon(topics);
        await daemon.StartAsync(cancellationToken).ConfigureAwait(false);
        var sampler = new ResourceSampler(daemon.Process);

        var clock = Stopwatch.StartNew();
        TimeSpan first = TimeSpan.Zero;
        var progress = new ProgressWatch(NoProgressTimeout);
        while (!daemon.HasProcessed(ceiling.Records))
        {
            await Task.Delay(daemon.PollInterval, cancellationToken).ConfigureAwait(false);
            long consumed = daemon.RecordsConsumed();
            if (first == TimeSpan.Zero && consumed > 0)
            {
                first = clock.Elapsed;
            }

            progress.Check(consumed, ceiling.Records);
        }

        TimeSpan elapsed = clock.Elapsed - first;
        long records = daemon.RecordsConsumed();
        ResourceUsage resources = await sampler.StopAsync().ConfigureAwait(false);
        long alerts = await daemon.StopAsync().ConfigureAwait(false);
        return new FullSpeedResult(records, elapsed, ceiling, alerts, resources);
    }

    /// <summary>Starts the daemon, then produces at the offered rate while a plain consumer reads the alerts.</summary>
    public async Task<RateResult> RunFixedRateAsync(CancellationToken cancellationToken)
    {
        BenchTopics topics = BenchTopics.Create(cluster, "rate", settings.Partitions);
        var stream = new BenchStream(settings.SeriesCount, settings.RateSpikeInterval, settings.Seed);
        long count = settings.RateRecords;

        await using IBenchDaemon daemon = CreateDaemon(topics);
        await daemon.StartAsync(cancellationToken).ConfigureAwait(false);

        // Produce only after the group join, so the first records' latency does not include the join.
        await daemon.WaitForAssignmentAsync(TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);

        using var reader = new AlertLatencyReader(cluster.BootstrapServers, topics.Alerts);
        using var producer = new BenchProducer(cluster.BootstrapServers, topics.Input, settings.Partitions, stream);
        var sampler = new ResourceSampler(daemon.Process);
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
            lags.Add(Math.Max(0, Volatile.Read(ref produced) - daemon.RecordsConsumed()));
        }

        TimeSpan produceTime = await production.ConfigureAwait(false);
        var drain = Stopwatch.StartNew();
        var progress = new ProgressWatch(NoProgressTimeout);
        while (!daemon.HasProcessed(count))
        {
            await Task.Delay(daemon.PollInterval, cancellationToken).ConfigureAwait(false);
            progress.Check(daemon.RecordsConsumed(), count);
        }

        drain.Stop();
        ResourceUsage resources = await sampler.StopAsync().ConfigureAwait(false);
        long published = await daemon.StopAsync().ConfigureAwait(false);
        await WaitForAlertsAsync(reader, published, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<ReadAlert> alerts = reader.Stop();

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

    private IBenchDaemon CreateDaemon(BenchTopics topics)
    {
        Dictionary<string, string?> hostSettings = topics.HostSettings(cluster.BootstrapServers, model);
        return settings.DaemonProcess ? new ChildProcessDaemon(hostSettings, settings.Partitions) : new InProcessDaemon(hostSettings);
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
