using System.Formats.Tar;

namespace GanWatch.FineTuning;

/// <summary>
/// Converts one model version directory (weights files and <c>model.json</c>) to the byte package that the model topic
/// carries, and back: an uncompressed POSIX tar archive of the directory's files, without subdirectories.
/// </summary>
/// <remarks>
/// The package is not compressed because the weights are float32 arrays that compress poorly. Unpacking accepts only
/// regular files with plain names, so a crafted package cannot write outside the target directory. The model loader
/// verifies the checksums of the weights files listed in <c>model.json</c> afterwards.
/// </remarks>
internal static class ModelPackageArchive
{
    /// <summary>Largest package that <see cref="Unpack"/> accepts: 2 GiB.</summary>
    public const long MaxPackageBytes = 2L * 1024 * 1024 * 1024;

    /// <summary>Returns the package of the regular files directly in <paramref name="versionDirectory"/>, in name order.</summary>
    /// <exception cref="IOException">A file could not be read.</exception>
    public static byte[] Pack(string versionDirectory)
    {
        using var buffer = new MemoryStream();
        using (var writer = new TarWriter(buffer, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (string file in Directory.EnumerateFiles(versionDirectory).Order(StringComparer.Ordinal))
            {
                writer.WriteEntry(file, Path.GetFileName(file));
            }
        }

        return buffer.ToArray();
    }

    /// <summary>Writes the files of <paramref name="package"/> into <paramref name="targetDirectory"/>, which is created.</summary>
    /// <exception cref="InvalidDataException">The package is not a tar archive of plain files, or is too large.</exception>
    /// <exception cref="IOException">A file could not be written.</exception>
    public static void Unpack(byte[] package, string targetDirectory)
    {
        if (package.LongLength > MaxPackageBytes)
        {
            throw new InvalidDataException($"The model package has {package.LongLength} bytes; at most {MaxPackageBytes} are accepted.");
        }

        Directory.CreateDirectory(targetDirectory);
        using var reader = new TarReader(new MemoryStream(package, writable: false));
        int files = 0;
        while (reader.GetNextEntry() is { } entry)
        {
            string name = entry.Name;
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile)
                || name.Length == 0 || name != Path.GetFileName(name) || name is "." or ".." || name.Contains('\\'))
            {
                throw new InvalidDataException(
                    $"The model package contains entry '{name}' of type {entry.EntryType}; only plain files of one directory are accepted.");
            }

            entry.ExtractToFile(Path.Combine(targetDirectory, name), overwrite: false);
            files++;
        }

        if (files == 0)
        {
            throw new InvalidDataException("The model package contains no files.");
        }
    }
}
