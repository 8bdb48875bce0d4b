using System.Text.Json;
using GanWatch.Engine.Thresholds;

namespace GanWatch.Engine.Persistence;

/// <summary>Reads and validates model.json.</summary>
internal static class ModelMetadataReader
{
    /// <summary>Parses <paramref name="path"/> and checks the format version, required sections and their consistency.</summary>
    /// <exception cref="ModelFileException">The file is missing, not valid JSON, of a newer format, or inconsistent.</exception>
    public static ModelMetadata Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new ModelFileException(path, "The model description is missing. Copy the whole model directory, or retrain the model.");
        }

        ModelMetadata? metadata;
        try
        {
            using var stream = File.OpenRead(path);
            metadata = JsonSerializer.Deserialize<ModelMetadata>(stream, ModelStore.JsonOptions);
        }
        catch (JsonException error)
        {
            throw new ModelFileException(path, $"The file is not valid model JSON: {error.Message} Restore it from a backup or retrain the model.", error);
        }
        catch (ArgumentException error)
        {
            throw new ModelFileException(path, $"The file contains an invalid value: {error.Message} Restore it from a backup or retrain the model.", error);
        }

        if (metadata is null)
        {
            throw new ModelFileException(path, "The file contains JSON null instead of a model description. Restore it from a backup or retrain the model.");
        }

        Validate(path, metadata);
        return metadata;
    }

    private static void Validate(string path, ModelMetadata metadata)
    {
        if (metadata.FormatVersion > ModelMetadata.CurrentFormatVersion)
        {
            throw new ModelFileException(
                path,
                $"formatVersion is {metadata.FormatVersion}, newer than version {ModelMetadata.CurrentFormatVersion} that this build reads. Upgrade GanWatch to load this model.");
        }

        if (metadata.FormatVersion < 1)
        {
            throw new ModelFileException(path, $"formatVersion is {metadata.FormatVersion}; it must be 1 or more. Restore the file from a backup or retrain the model.");
        }

        var problems = new List<string>();
        if (metadata.Shape is null)
        {
            problems.Add("shape is missing.");
        }
        else
        {
            problems.AddRange(metadata.Shape.Validate());
        }

        if (metadata.Normalization is null)
        {
            problems.Add("normalization is missing.");
        }
        else if (metadata.Shape is not null && metadata.Normalization.Channels != metadata.Shape.Channels)
        {
            problems.Add($"normalization has {metadata.Normalization.Channels} channels, but shape has {metadata.Shape.Channels}.");
        }

        if (metadata.Features is not null && metadata.Shape is not null && metadata.Features.Width != metadata.Shape.Channels)
        {
            problems.Add($"features encode {metadata.Features.Width} columns, but shape has {metadata.Shape.Channels} channels.");
        }

        if (metadata.Features is not null && metadata.Shape is { Architecture: not Models.NetworkArchitecture.Dense })
        {
            problems.Add($"features are set, but shape.architecture is {metadata.Shape.Architecture}; event models use Dense networks.");
        }

        if (metadata.Threshold is null)
        {
            problems.Add("threshold is missing.");
        }
        else
        {
            try
            {
                ThresholdFactory.Create(metadata.Threshold);
            }
            catch (ArgumentException error)
            {
                problems.Add("threshold is invalid: " + error.Message);
            }
        }

        if (metadata.ThresholdOptions is null || metadata.Scoring is null || metadata.Training is null || metadata.Data is null)
        {
            problems.Add("thresholdOptions, scoring, training and data are all required.");
        }
        else
        {
            problems.AddRange(metadata.ThresholdOptions.Validate());
            problems.AddRange(metadata.Scoring.Validate());
            problems.AddRange(metadata.Training.Validate());
        }

        if (problems.Count > 0)
        {
            throw new ModelFileException(path, "The model description is invalid: " + string.Join(" ", problems) + " Restore it from a backup or retrain the model.");
        }
    }
}
