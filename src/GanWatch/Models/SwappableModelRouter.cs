using GanWatch.Streaming.Scoring;
using Microsoft.Extensions.Logging;

namespace GanWatch.Models;

/// <summary>
/// Routes series through the current <see cref="ModelCatalog"/>, which a configuration reload replaces atomically: a
/// caller of <see cref="Resolve"/> sees either the whole old catalog or the whole new one.
/// </summary>
/// <remarks>
/// Owns every model it has been given. A model that the new catalog no longer uses is retired: it stays loaded until
/// the caller of <see cref="Swap"/> reports, through <see cref="DisposeRetired"/>, that no queued window refers to it.
/// Thread-safe.
/// </remarks>
internal sealed partial class SwappableModelRouter(ModelCatalog initial, ILogger<SwappableModelRouter> logger) : IModelRouter, IDisposable
{
    private readonly object _gate = new();
    private readonly HashSet<EngineWindowModel> _retired = new(ReferenceEqualityComparer.Instance);
    private ModelCatalog _current = initial;
    private bool _disposed;

    /// <summary>The catalog that <see cref="Resolve"/> uses now.</summary>
    public ModelCatalog Current => Volatile.Read(ref _current);

    /// <summary>Models retired by <see cref="Swap"/> and not disposed yet.</summary>
    public int RetiredCount
    {
        get
        {
            lock (_gate)
            {
                return _retired.Count;
            }
        }
    }

    public IWindowModel Resolve(string seriesId) => Volatile.Read(ref _current).Resolve(seriesId);

    /// <summary>Makes <paramref name="next"/> the current catalog.</summary>
    /// <returns>The models of the previous catalog that <paramref name="next"/> does not use; pass them to <see cref="DisposeRetired"/>.</returns>
    /// <exception cref="ObjectDisposedException">The router was disposed.</exception>
    public IReadOnlyList<EngineWindowModel> Swap(ModelCatalog next)
    {
        ArgumentNullException.ThrowIfNull(next);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            ModelCatalog previous = Interlocked.Exchange(ref _current, next);
            var kept = new HashSet<EngineWindowModel>(next.Models.Values, ReferenceEqualityComparer.Instance);
            List<EngineWindowModel> retired = previous.Models.Values.Where(model => !kept.Contains(model)).ToList();
            _retired.UnionWith(retired);
            return retired;
        }
    }

    /// <summary>
    /// Disposes models returned by <see cref="Swap"/>. Call it only when no queued window refers to them any more.
    /// Models already disposed, or used again by the current catalog, are skipped.
    /// </summary>
    public void DisposeRetired(IEnumerable<EngineWindowModel> models)
    {
        lock (_gate)
        {
            foreach (EngineWindowModel model in models)
            {
                if (_retired.Remove(model) && !Volatile.Read(ref _current).Models.Values.Contains(model))
                {
                    model.Dispose();
                    LogModelUnloaded(logger, model.Version);
                }
            }
        }
    }

    /// <summary>Disposes the current catalog and every retired model. Call it only after the stream processor has stopped.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (EngineWindowModel model in _retired)
            {
                model.Dispose();
            }

            _retired.Clear();
            _current.Dispose();
        }
    }

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Unloaded model {ModelVersion}: no route uses it and no queued window refers to it")]
    private static partial void LogModelUnloaded(ILogger logger, string modelVersion);
}
