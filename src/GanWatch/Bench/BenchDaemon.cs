using System.Diagnostics;

namespace GanWatch.Bench;

/// <summary>
/// The daemon under measurement in one bench mode: either its host inside the bench process or a child
/// <c>ganwatch run</c> process, so both modes can drive and observe it the same way.
/// </summary>
internal interface IBenchDaemon : IAsyncDisposable
{
    /// <summary>The process whose CPU time and working set the bench samples.</summary>
    Process Process { get; }

    /// <summary>Poll interval of the completion checks: short in process, longer where a check queries the broker.</summary>
    TimeSpan PollInterval { get; }

    /// <summary>Starts the daemon; it joins its consumer group in the background.</summary>
    Task StartAsync(CancellationToken cancellationToken);

    /// <summary>Waits until the daemon has been assigned its input partitions.</summary>
    /// <exception cref="TimeoutException">No assignment within <paramref name="timeout"/>.</exception>
    Task WaitForAssignmentAsync(TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>
    /// Returns the records the daemon has consumed so far (in a child process, the records committed), for progress,
    /// lag and the first-record time.
    /// </summary>
    long RecordsConsumed();

    /// <summary>Returns whether the daemon has processed all <paramref name="expected"/> records.</summary>
    bool HasProcessed(long expected);

    /// <summary>Stops the daemon gracefully and returns the alerts it published.</summary>
    Task<long> StopAsync();
}
