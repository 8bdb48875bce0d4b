using System.Text.Json;
using GanWatch.FineTuning;
using GanWatch.Models;
using GanWatch.Streaming.Processing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace GanWatch.Reload;

/// <summary>
/// Applies a changed configuration to the running daemon: validates it as a whole, loads newly referenced models,
/// then applies the stream processor's live settings and swaps the model router. An invalid configuration is
/// rejected with one error line that lists every problem, and the running configuration stays.
/// </summary>
/// <remarks>
/// Reloads run one at a time, in request order. Settings that shape the Kafka clients and the torch device
/// (<c>Stream:BootstrapServers</c>, <c>GroupId</c>, the topics, <c>SessionTimeout</c>, <c>AutoCommitInterval</c>,
/// <c>ShutdownTimeout</c>, <c>ConsumerConfig</c>, <c>ProducerConfig</c>, <c>Models:Device</c>, <c>Models:Threads</c>)
/// and the whole <c>FineTune</c> section keep their running values; a change to them is logged as needing a restart.
/// </remarks>
internal sealed partial class ConfigurationReloader(
    IConfigurationRoot configuration,
    ConfigurationFileErrors fileErrors,
    StreamProcessor processor,
    SwappableModelRouter router,
    ModelSwapGate swapGate,
    ModelOptions runningModels,
    FineTuneServiceOptions runningFineTune,
    ReloadCounters counters,
    ILogger<ConfigurationReloader> logger) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private int _rereadingThread;

    /// <summary>Whether the current thread is inside this reloader's re-read of the configuration files.</summary>
    /// <remarks>The configuration's change token fires synchronously during that re-read; a file watcher ignores those events.</remarks>
    public bool IsRereadingOnCurrentThread => Volatile.Read(ref _rereadingThread) == Environment.CurrentManagedThreadId;

    /// <summary>
    /// Re-reads every configuration file and applies the result. The SIGHUP handler calls this. Catches every failure
    /// except OutOfMemoryException, and logs, counts and returns it.
    /// </summary>
    /// <param name="trigger">What requested the reload, for logs and metrics, for example <c>SIGHUP</c>.</param>
    public Task<ReloadResult> ReloadAsync(string trigger) => RunAsync(trigger, rereadFiles: true);

    /// <summary>
    /// Applies the current configuration, without re-reading files, for a file change that the configuration has
    /// already loaded. Catches every failure except OutOfMemoryException, and logs, counts and returns it.
    /// </summary>
    public Task<ReloadResult> ApplyAsync(string trigger) => RunAsync(trigger, rereadFiles: false);

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private async Task<ReloadResult> RunAsync(string trigger, bool rereadFiles)
    {
        // Leave the caller's thread at once: a signal handler must not wait for model loading.
        await Task.Yield();
        await _gate.WaitAsync().ConfigureAwait(false);
        ReloadResult result;
        try
        {
            ReloadLog.Starting(logger, trigger);

            // A fine-tuned or imported model swapped in between LoadNext and Swap would be lost, and the model it replaced
            // reused after disposal, so catalog changes take turns.
            using IDisposable swapTurn = await swapGate.EnterAsync().ConfigureAwait(false);
            result = Reload(trigger, rereadFiles);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            // The running configuration is untouched: every step that can fail runs before the swap.
            ReloadLog.Failed(logger, trigger, error);
            result = new ReloadResult(trigger, false, [$"The reload failed unexpectedly: {error.Message}"], [], []);
        }
        finally
        {
            _gate.Release();
        }

        Count(result);
        return result;
    }

    private ReloadResult Reload(string trigger, bool rereadFiles)
    {
        if (rereadFiles)
        {
            Reread();
        }

        var problems = new List<string>(fileErrors.Problems());
        ConfigurationSnapshot snapshot = ConfigurationSnapshot.Bind(configuration);
        problems.AddRange(snapshot.Problems);
        if (problems.Count > 0)
        {
            return Reject(trigger, problems);
        }

        ModelCatalog current = router.Current;
        ModelCatalog? next = current.LoadNext(snapshot.Models, problems);
        if (next is null)
        {
            return Reject(trigger, problems);
        }

        // The event schema needs a restart, so the new models must fit the running one.
        problems.AddRange(EventSchemaCheck.Problems(processor.EventSchema, next));
        if (problems.Count > 0)
        {
            next.DisposeLoadedSince(current);
            return Reject(trigger, problems);
        }

        // Nothing below can fail on a valid configuration, so the stream settings and the models change together.
        SettingsUpdateResult streamUpdate = processor.UpdateSettings(snapshot.Stream);
        var changed = streamUpdate.Changed.Select(name => $"{Hosting.GanWatchHost.StreamSectionName}:{name}").ToList();
        bool modelsChanged = !current.Routing.SequenceEqual(next.Routing, StringComparer.Ordinal)
                             || current.Models.Values.Except(next.Models.Values, ReferenceEqualityComparer.Instance).Any()
                             || next.Models.Values.Except(current.Models.Values, ReferenceEqualityComparer.Instance).Any();
        if (modelsChanged)
        {
            changed.Add($"{ModelOptions.SectionName} ({string.Join(", ", next.Routing)})");
            _ = ModelRetirement.DisposeWhenUnusedAsync(processor, router, router.Swap(next), logger, _stopping.Token);
        }

        List<string> restartRequired = streamUpdate.RestartRequired.Select(name => $"{Hosting.GanWatchHost.StreamSectionName}:{name}")
            .Concat(ModelRestartChanges(snapshot.Models))
            .Concat(FineTuneRestartChanges(snapshot.FineTune))
            .ToList();
        ReloadLog.Applied(logger, trigger, changed.Count == 0 ? "nothing" : string.Join("; ", changed));
        if (restartRequired.Count > 0)
        {
            ReloadLog.RestartRequired(logger, trigger, string.Join(", ", restartRequired));
        }

        return new ReloadResult(trigger, true, [], changed, restartRequired);
    }

    private void Reread()
    {
        Volatile.Write(ref _rereadingThread, Environment.CurrentManagedThreadId);
        try
        {
            configuration.Reload();
        }
        finally
        {
            Volatile.Write(ref _rereadingThread, 0);
        }
    }

    private ReloadResult Reject(string trigger, List<string> problems)
    {
        ReloadLog.Rejected(logger, trigger, problems.Count, string.Join(" ", problems.Select((problem, i) => $"({i + 1}) {problem}")));
        return new ReloadResult(trigger, false, problems, [], []);
    }

    private IEnumerable<string> ModelRestartChanges(ModelOptions next)
    {
        if (!string.Equals(next.Device, runningModels.Device, StringComparison.OrdinalIgnoreCase))
        {
            yield return $"{ModelOptions.SectionName}:{nameof(ModelOptions.Device)}";
        }

        if (next.Threads != runningModels.Threads)
        {
            yield return $"{ModelOptions.SectionName}:{nameof(ModelOptions.Threads)}";
        }
    }

    /// <summary>Returns the <c>FineTune</c> section when any of its settings changed: they all apply at the next start only.</summary>
    private IEnumerable<string> FineTuneRestartChanges(FineTuneServiceOptions next)
    {
        if (JsonSerializer.Serialize(next) != JsonSerializer.Serialize(runningFineTune))
        {
            yield return FineTuneServiceOptions.SectionName;
        }
    }

    private void Count(ReloadResult result)
    {
        try
        {
            counters.Record(result);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            ReloadLog.HandlerFailed(logger, error);
        }
    }
}
