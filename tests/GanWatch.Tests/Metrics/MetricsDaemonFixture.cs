using GanWatch.Tests.Support;

namespace GanWatch.Tests.Metrics;

/// <summary>
/// One <c>ganwatch run</c> process with its metrics endpoint on a free port of 127.0.0.1, after it has processed a
/// stream of 4 sine series with spikes and one bad record of each kind to the end.
/// </summary>
public sealed class MetricsDaemonFixture(TrainedModelFixture model) : IAsyncLifetime
{
    private static readonly TimeSpan ProcessingTimeout = TimeSpan.FromSeconds(120);

    private DaemonTestBed? _bed;

    /// <summary>The cluster, topics and daemon.</summary>
    public DaemonTestBed Bed => _bed ?? throw new InvalidOperationException("The fixture is not initialised.");

    /// <summary>Every record produced to the input topic.</summary>
    public List<StreamRecord> Records { get; } = TestStream.Sine(4, DaemonTestBed.InputPartitions, 0, 300, TestStream.PeriodicSpikes());

    /// <summary>The model's version.</summary>
    public string ModelVersion => model.ModelVersion;

    /// <summary>The daemon's metrics address, <c>127.0.0.1:port</c>.</summary>
    public string MetricsTarget => $"127.0.0.1:{Bed.Settings.MetricsPort}";

    /// <summary>The daemon's metrics URL.</summary>
    public string MetricsUrl => $"http://{MetricsTarget}/metrics";

    public async ValueTask InitializeAsync()
    {
        int port = FreeTcpPort.Find();
        _bed = new DaemonTestBed(model, settings => settings with { MetricsPort = port });
        TestStream.InsertBadRecords(Records, DaemonTestBed.InputPartitions, afterRow: 100);
        await _bed.ProduceAsync(Records, recordsPerSecond: 0, CancellationToken.None);

        GanWatchProcess daemon = _bed.StartDaemon("daemon");
        await daemon.WaitForOutputAsync("Serving Prometheus metrics at", TimeSpan.FromSeconds(60), CancellationToken.None);
        await _bed.Offsets.WaitForEndAsync(ProcessingTimeout, _bed.Daemons, CancellationToken.None);
    }

    public ValueTask DisposeAsync()
    {
        _bed?.Dispose();
        return ValueTask.CompletedTask;
    }
}
