using System.Diagnostics;

namespace GanWatch.Bench;

/// <summary>Process CPU time and working set over one measured phase.</summary>
/// <param name="CpuTime">Process CPU time (all threads, user and kernel) spent during the phase.</param>
/// <param name="PeakWorkingSet">Largest sampled working set, in bytes.</param>
/// <param name="FirstHalfWorkingSet">Median working set of the samples in the phase's first half, in bytes.</param>
/// <param name="SecondHalfWorkingSet">Median working set of the samples in the phase's second half, in bytes.</param>
internal sealed record ResourceUsage(TimeSpan CpuTime, long PeakWorkingSet, long FirstHalfWorkingSet, long SecondHalfWorkingSet);

/// <summary>
/// Samples a process's working set once a second on a background task and measures its CPU time, from construction
/// to <see cref="StopAsync"/>. With the daemon's host in the bench process, both include the mock broker's and the
/// bench clients' threads. With a child daemon process, they are the daemon's alone.
/// </summary>
internal sealed class ResourceSampler
{
    private readonly Process _process;
    private readonly TimeSpan _startCpu;
    private readonly List<long> _samples = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    /// <summary>Starts sampling <paramref name="process"/>, which must still run when <see cref="StopAsync"/> is called.</summary>
    public ResourceSampler(Process process)
    {
        _process = process;
        _process.Refresh();
        _startCpu = _process.TotalProcessorTime;
        _loop = SampleAsync(_stop.Token);
    }

    /// <summary>Stops sampling and returns the usage since construction.</summary>
    public async Task<ResourceUsage> StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _process.Refresh();
        TimeSpan cpu = _process.TotalProcessorTime - _startCpu;
        _samples.Add(_process.WorkingSet64);
        _stop.Dispose();

        int half = _samples.Count / 2;
        List<long> first = _samples.Take(Math.Max(half, 1)).ToList();
        List<long> second = _samples.Skip(half).ToList();
        return new ResourceUsage(cpu, _samples.Max(), Median(first), Median(second));
    }

    private async Task SampleAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            do
            {
                _process.Refresh();
                _samples.Add(_process.WorkingSet64);
            }
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
            // StopAsync ends the loop.
        }
    }

    private static long Median(List<long> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
