using GanWatch.Engine.Persistence;

namespace GanWatch.Cli;

/// <summary>Checks the <c>--out</c> path of <c>ganwatch train</c> before training starts, because saving replaces the whole directory.</summary>
internal static class ModelOutputPath
{
    /// <summary>The file every model directory holds; the engine writes it last.</summary>
    private const string MetadataFile = "model.json";

    /// <summary>
    /// Returns why <paramref name="path"/> must not be replaced by a newly trained model, or null when it may: the path is
    /// new, an empty directory, or a plain model directory written by an earlier <c>ganwatch train</c>.
    /// </summary>
    public static string? Problem(string path)
    {
        string fullPath = Path.GetFullPath(path);
        if (File.Exists(fullPath))
        {
            return $"--out '{fullPath}' is a file. Name a new directory for the model.";
        }

        if (!Directory.Exists(fullPath) || !Directory.EnumerateFileSystemEntries(fullPath).Any())
        {
            return null;
        }

        if (Directory.Exists(Path.Combine(fullPath, ModelRepository.VersionsFolder)) || File.Exists(Path.Combine(fullPath, ModelRepository.CurrentFile)))
        {
            return $"--out '{fullPath}' is a model repository with fine-tuned versions, and saving would delete them all. " +
                "Train into a new directory; to start the lineage again, delete this one first.";
        }

        if (!File.Exists(Path.Combine(fullPath, MetadataFile)))
        {
            return $"--out '{fullPath}' holds files that are not a model, and saving would delete them. Train into a new or empty directory.";
        }

        return null;
    }
}
