using System.Runtime.InteropServices;
using GanWatch.Engine.Persistence;

namespace GanWatch.Models;

/// <summary>Building the next catalog when the model configuration is reloaded.</summary>
internal sealed partial class ModelCatalog
{
    /// <summary>
    /// Loads the catalog for <paramref name="options"/> on this catalog's device. A model whose directory, pin and
    /// resolved version (the pinned one, or the repository's current one) are unchanged is reused, so its series keep
    /// their thresholds. Every other model is loaded from disk. <see cref="ModelOptions.Device"/> and
    /// <see cref="ModelOptions.Threads"/> are ignored.
    /// </summary>
    /// <param name="options">The new model options; they must be valid.</param>
    /// <param name="problems">Receives one message per model that failed to load.</param>
    /// <returns>The new catalog, or null when a model failed to load. Models loaded for it are then disposed again.</returns>
    /// <remarks>Loading takes seconds for large models; call it off the scoring and consumer threads.</remarks>
    public ModelCatalog? LoadNext(ModelOptions options, List<string> problems)
    {
        int problemsBefore = problems.Count;
        var next = new Dictionary<ModelSource, EngineWindowModel>();
        var loaded = new List<EngineWindowModel>();
        foreach (ModelSource source in options.Sources())
        {
            if (models.TryGetValue(source, out EngineWindowModel? current) && ResolveVersion(source) == current.Version)
            {
                next.Add(source, current);
                continue;
            }

            try
            {
                EngineWindowModel model = Load(source);
                loaded.Add(model);
                next.Add(source, model);
            }
            catch (Exception error) when (error is ModelFileException or IOException or UnauthorizedAccessException or ArgumentException or ExternalException)
            {
                problems.Add($"Models: loading the model directory '{source}' failed: {error.Message}");
            }
        }

        if (problems.Count > problemsBefore)
        {
            foreach (EngineWindowModel model in loaded)
            {
                model.Dispose();
            }

            return null;
        }

        return new ModelCatalog(options, device, logger, next);
    }

    /// <summary>Disposes the models of this catalog that <paramref name="previous"/> does not share, after a rejected reload.</summary>
    public void DisposeLoadedSince(ModelCatalog previous)
    {
        foreach (EngineWindowModel model in models.Values.Except(previous.models.Values, ReferenceEqualityComparer.Instance).Cast<EngineWindowModel>())
        {
            model.Dispose();
        }
    }

    /// <summary>Returns the version <paramref name="source"/> resolves to now, or null when the repository cannot be read.</summary>
    private static string? ResolveVersion(ModelSource source)
    {
        if (source.PinnedVersion is { } pinned)
        {
            return pinned;
        }

        try
        {
            return ModelRepository.Open(source.Directory).CurrentVersion;
        }
        catch (Exception error) when (error is ModelFileException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
