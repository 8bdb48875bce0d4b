using System.Runtime.InteropServices;
using System.Text.Json;
using GanWatch.Engine.Persistence;

namespace GanWatch.Models;

/// <summary>Building the next catalog when the model configuration is reloaded.</summary>
internal sealed partial class ModelCatalog
{
    /// <summary>
    /// Loads the catalog for <paramref name="options"/> on this catalog's device. A model whose directory and model
    /// version (from its <c>model.json</c>) are unchanged is reused, so its series keep their thresholds; every other
    /// directory is loaded from disk. <see cref="ModelOptions.Device"/> and <see cref="ModelOptions.Threads"/> are ignored.
    /// </summary>
    /// <param name="options">The new model options; they must be valid.</param>
    /// <param name="problems">Receives one message per directory that failed to load.</param>
    /// <returns>The new catalog, or null when a directory failed to load. Models loaded for it are then disposed again.</returns>
    /// <remarks>Loading takes seconds for large models; call it off the scoring and consumer threads.</remarks>
    public ModelCatalog? LoadNext(ModelOptions options, List<string> problems)
    {
        int problemsBefore = problems.Count;
        var next = new Dictionary<string, EngineWindowModel>(StringComparer.Ordinal);
        var loaded = new List<EngineWindowModel>();
        foreach (string path in ModelPaths(options))
        {
            if (models.TryGetValue(path, out EngineWindowModel? current) && ReadModelVersion(path) == current.Version)
            {
                next.Add(path, current);
                continue;
            }

            try
            {
                EngineWindowModel model = Load(path);
                loaded.Add(model);
                next.Add(path, model);
            }
            catch (Exception error) when (error is ModelFileException or IOException or UnauthorizedAccessException or ArgumentException or ExternalException)
            {
                problems.Add($"Models: loading the model directory '{path}' failed: {error.Message}");
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

    /// <summary>Returns the <c>modelVersion</c> in the directory's <c>model.json</c>, or null when it cannot be read.</summary>
    private static string? ReadModelVersion(string directory)
    {
        try
        {
            using FileStream stream = File.OpenRead(Path.Combine(directory, "model.json"));
            using JsonDocument document = JsonDocument.Parse(stream);
            return document.RootElement.TryGetProperty("modelVersion", out JsonElement version) && version.ValueKind == JsonValueKind.String
                ? version.GetString()
                : null;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }
}
