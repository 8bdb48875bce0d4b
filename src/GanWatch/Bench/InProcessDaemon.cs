using System.Diagnostics;
using GanWatch.Hosting;
using GanWatch.Streaming.Diagnostics;
using GanWatch.Streaming.Processing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace GanWatch.Bench;

/// <summary>
/// The daemon's host inside the bench process. Progress comes from the stream processor's counters, so it is exact,
/// but the sampled process also contains the mock broker and the bench's own clients.
/// </summary>
internal sealed class InProcessDaemon : IBenchDaemon
{
    private readonly IHost _host;
    private readonly StreamCounters _counters;
    private readonly TaskCompletionSource _assigned = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public InProcessDaemon(IReadOnlyDictionary<string, string?> hostSettings)
    {
        _host = GanWatchHost.Build(configPath: null, hostSettings, loadSystemFiles: false);
        var processor = _host.Services.GetRequiredService<StreamProcessor>();
        _counters = processor.Counters;
        processor.PartitionsAssigned += _ => _assigned.TrySetResult();
    }

    public Process Process { get; } = Process.GetCurrentProcess();

    public TimeSpan PollInterval => TimeSpan.FromMilliseconds(20);

    public Task StartAsync(CancellationToken cancellationToken) => _host.StartAsync(cancellationToken);

    public Task WaitForAssignmentAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _assigned.Task.WaitAsync(timeout, cancellationToken);

    public long RecordsConsumed() => _counters.RecordsConsumed;

    public bool HasProcessed(long expected) => _counters.RecordsConsumed >= expected && _counters.PendingWindows == 0;

    public async Task<long> StopAsync()
    {
        await _host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        return _counters.Alerts;
    }

    public ValueTask DisposeAsync()
    {
        _host.Dispose();
        Process.Dispose();
        return ValueTask.CompletedTask;
    }
}
