namespace GanWatch.Reload;

/// <summary>Counts of configuration reloads since start, for metrics. Thread-safe.</summary>
public sealed class ReloadCounters
{
    private long _succeeded;
    private long _failed;

    /// <summary>Reloads whose configuration was applied, including those that changed nothing.</summary>
    public long Succeeded => Interlocked.Read(ref _succeeded);

    /// <summary>Reloads rejected because the configuration was invalid or a model failed to load.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>
    /// Raised after each reload, once the counters include it, on the thread that ran the reload. A handler's exception
    /// is logged by the reloader and does not change the reload's outcome.
    /// </summary>
    public event Action<ReloadResult>? Completed;

    /// <summary>Counts <paramref name="result"/> and raises <see cref="Completed"/>.</summary>
    internal void Record(ReloadResult result)
    {
        Interlocked.Increment(ref result.Succeeded ? ref _succeeded : ref _failed);
        Completed?.Invoke(result);
    }
}
