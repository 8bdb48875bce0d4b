using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using GanWatch.Engine.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace GanWatch.Engine.Persistence;

/// <summary>
/// Reads and writes model directories: generator.bin, critic.bin and encoder.bin (TorchSharp state dictionaries) and
/// model.json (<see cref="ModelMetadata"/> with the SHA-256 of each weights file).
/// </summary>
internal static class ModelStore
{
    public const string GeneratorFile = "generator.bin";
    public const string CriticFile = "critic.bin";
    public const string EncoderFile = "encoder.bin";
    public const string MetadataFile = "model.json";

    /// <summary>The weights files of a model directory, which model.json lists with their SHA-256.</summary>
    public static readonly IReadOnlyList<string> WeightsFiles = [GeneratorFile, CriticFile, EncoderFile];

    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,

        // Validation numbers can be NaN (for example an AUC without reference anomalies); JSON has no literal for it.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>
    /// Writes the model to <paramref name="directory"/> atomically: everything goes into a temporary sibling directory,
    /// which then replaces the target (an existing target is moved aside first and deleted last).
    /// </summary>
    /// <exception cref="ModelFileException">Writing or replacing the directory failed; an existing model is left in place.</exception>
    public static void Save(string directory, GanNetworks networks, ModelMetadata metadata)
    {
        string target = Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar);
        string parent = Path.GetDirectoryName(target) ?? throw new ModelFileException(directory, "The model path has no parent directory; choose a path such as models/my-model.");
        string name = Path.GetFileName(target);
        string temporary = Path.Combine(parent, $".{name}.tmp-{Guid.NewGuid():N}");

        try
        {
            Directory.CreateDirectory(parent);
            Directory.CreateDirectory(temporary);
            metadata.Sha256.Clear();
            foreach (var (file, module) in Parts(networks))
            {
                string path = Path.Combine(temporary, file);
                module.save(path);
                metadata.Sha256[file] = HashFile(path);
            }

            WriteMetadata(Path.Combine(temporary, MetadataFile), metadata, FileMode.CreateNew);

            Replace(target, temporary, parent, name);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            throw new ModelFileException(target, $"Saving the model failed: {error.Message} Check that the directory is writable and has free space.", error);
        }
    }

    /// <summary>Reads a model directory written by <see cref="Save"/>, after checking every part.</summary>
    /// <exception cref="ModelFileException">A part is missing, corrupt, inconsistent or of a newer format; the message names the file.</exception>
    public static (GanNetworks Networks, ModelMetadata Metadata) Load(string directory, Device device)
    {
        string root = Path.GetFullPath(directory);
        var metadata = Verify(root);
        var networks = GanNetworks.CreateUninitialised(metadata.Shape!, device);
        try
        {
            foreach (var (file, module) in Parts(networks))
            {
                string path = Path.Combine(root, file);
                try
                {
                    module.load(path, strict: true);
                }
                catch (ArgumentException error)
                {
                    throw new ModelFileException(
                        path,
                        $"The weights do not match the shape in {MetadataFile} (latent {metadata.Shape!.LatentSize}, window {metadata.Shape.WindowLength}, " +
                        $"channels {metadata.Shape.Channels}): {error.Message} Restore the matching {MetadataFile} or retrain the model.",
                        error);
                }
            }

            networks.SetTrainable(false);
            networks.Eval();
            return (networks, metadata);
        }
        catch
        {
            networks.Dispose();
            throw;
        }
    }

    /// <summary>Reads and validates model.json of <paramref name="directory"/> and checks the SHA-256 of every weights file, without loading weights.</summary>
    /// <exception cref="ModelFileException">The directory or a part is missing, corrupt, inconsistent or of a newer format; the message names the file.</exception>
    public static ModelMetadata Verify(string directory)
    {
        string root = Path.GetFullPath(directory);
        if (!Directory.Exists(root))
        {
            throw new ModelFileException(root, "The model directory was not found. Check the path, or train a model first.");
        }

        var metadata = ModelMetadataReader.Read(Path.Combine(root, MetadataFile));
        foreach (string file in WeightsFiles)
        {
            VerifyChecksum(Path.Combine(root, file), metadata.Sha256.GetValueOrDefault(file));
        }

        return metadata;
    }

    /// <summary>Writes <paramref name="metadata"/> as model.json to <paramref name="path"/> and flushes it to disk.</summary>
    public static void WriteMetadata(string path, ModelMetadata metadata, FileMode mode)
    {
        using var stream = new FileStream(path, mode, FileAccess.Write);
        JsonSerializer.Serialize(stream, metadata, JsonOptions);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Returns the lower-case hex SHA-256 of a file.</summary>
    public static string HashFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static IEnumerable<(string File, nn.Module Module)> Parts(GanNetworks networks)
    {
        yield return (GeneratorFile, networks.Generator);
        yield return (CriticFile, networks.Critic);
        yield return (EncoderFile, networks.Encoder);
    }

    private static void VerifyChecksum(string path, string? expected)
    {
        if (!File.Exists(path))
        {
            throw new ModelFileException(path, "The weights file is missing. Copy the whole model directory, or retrain the model.");
        }

        if (string.IsNullOrEmpty(expected))
        {
            throw new ModelFileException(path, $"{MetadataFile} has no SHA-256 for this weights file, so it cannot be verified. Retrain or re-save the model.");
        }

        string actual = HashFile(path);
        if (!string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
        {
            throw new ModelFileException(
                path,
                $"The SHA-256 is {actual}, but {MetadataFile} expects {expected}; the file is corrupt or from another model. Restore the model directory from a backup or retrain.");
        }
    }

    private static void Replace(string target, string temporary, string parent, string name)
    {
        if (!Directory.Exists(target))
        {
            Directory.Move(temporary, target);
            return;
        }

        string aside = Path.Combine(parent, $".{name}.old-{Guid.NewGuid():N}");
        Directory.Move(target, aside);
        try
        {
            Directory.Move(temporary, target);
        }
        catch
        {
            Directory.Move(aside, target);
            throw;
        }

        TryDelete(aside);
    }

    /// <summary>Deletes a temporary or discarded directory or file, if it exists, and ignores failures.</summary>
    public static void TryDelete(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
            else if (File.Exists(path))
            {
                File.Delete(path);
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // NOTE: a leftover hidden .tmp- or .old- entry is harmless, is ignored when listing versions, and can be deleted by hand.
        }
    }
}
