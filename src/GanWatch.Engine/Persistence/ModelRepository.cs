using static TorchSharp.torch;

namespace GanWatch.Engine.Persistence;

/// <summary>
/// A directory of model versions with a pointer to the one to load. Layout of a root R: <c>R/versions/&lt;version&gt;/</c>
/// contains one model directory per version, and the text file <c>R/current</c> contains the name of the version to load. A plain model
/// directory (model.json directly in R, as written by <c>ganwatch train</c>) is a repository too: its model is the
/// version named by its model version, and it stays in place when versions are added.
/// </summary>
/// <remarks>
/// Methods of one instance may be called from several threads. NOTE: two processes that write to the same root at once
/// (for example the daemon adding a version while <c>ganwatch model rollback</c> runs) are not coordinated beyond the
/// atomic replacement of each version directory and of <c>current</c>; the last writer of <c>current</c> wins.
/// </remarks>
public sealed class ModelRepository
{
    /// <summary>The folder under the root that contains one directory per version.</summary>
    public const string VersionsFolder = "versions";

    /// <summary>The file under the root that contains the current version's name.</summary>
    public const string CurrentFile = "current";

    // Newest last: readable versions by creation time, then by name; unreadable versions before all of them.
    private static readonly Comparer<ModelVersionInfo> Newest = Comparer<ModelVersionInfo>.Create((a, b) =>
    {
        int byProblem = (b.Problem is null).CompareTo(a.Problem is null);
        if (byProblem != 0)
        {
            return -byProblem;
        }

        int byTime = a.CreatedAt.CompareTo(b.CreatedAt);
        return byTime != 0 ? byTime : string.CompareOrdinal(a.Version, b.Version);
    });

    private readonly Lock gate = new();

    private ModelRepository(string root)
    {
        Root = root;
    }

    /// <summary>The full path of the repository root.</summary>
    public string Root { get; }

    /// <summary>
    /// The version to load by default: the one named in <c>current</c>, else the legacy root model, else the newest
    /// readable version; null when the repository has no model. Read from disk on every call, so changes by another
    /// process show up.
    /// </summary>
    public string? CurrentVersion
    {
        get
        {
            string? pointer = ReadCurrentFile();
            if (pointer is not null)
            {
                return pointer;
            }

            return LegacyVersion() ?? ListVersionFolders().Where(info => info.Problem is null).OrderByDescending(info => info, Newest).FirstOrDefault()?.Version;
        }
    }

    private string VersionsPath => Path.Combine(Root, VersionsFolder);

    private string CurrentPath => Path.Combine(Root, CurrentFile);

    /// <summary>Opens the repository at <paramref name="root"/>, which need not exist or contain versions yet; nothing is written.</summary>
    /// <exception cref="ArgumentException">The path is empty.</exception>
    public static ModelRepository Open(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        return new ModelRepository(Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)));
    }

    /// <summary>
    /// Returns every version, newest first (by creation time, then by name). A version whose model.json cannot be read
    /// is listed last with its <see cref="ModelVersionInfo.Problem"/>. Weights checksums are not checked here.
    /// </summary>
    public IReadOnlyList<ModelVersionInfo> List()
    {
        string? current = CurrentVersion;
        var versions = ListVersionFolders().ToList();
        if (File.Exists(Path.Combine(Root, ModelStore.MetadataFile)))
        {
            versions.Add(Describe(null, Root));
        }

        return versions
            .OrderByDescending(info => info, Newest)
            .Select(info => info with { IsCurrent = info.Problem is null && info.Version == current })
            .ToList();
    }

    /// <summary>Returns the model directory of <paramref name="version"/>.</summary>
    /// <exception cref="ModelFileException">The version is not in this repository; the message names it and how to list the versions.</exception>
    public string DirectoryOf(string version)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (IsValidName(version))
        {
            string directory = Path.Combine(VersionsPath, version);
            if (Directory.Exists(directory))
            {
                return directory;
            }

            if (LegacyVersion() == version)
            {
                return Root;
            }
        }

        throw new ModelFileException(Root, $"Version {version} is not in this repository; `ganwatch model list {Root}` shows the versions.");
    }

    /// <summary>Loads <paramref name="version"/>, or the <see cref="CurrentVersion"/> when it is null, verifying its checksums.</summary>
    /// <exception cref="ModelFileException">There is no such version, no model at all, or the version is corrupt; the message names the version.</exception>
    public GanModel Load(string? version, Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        version ??= CurrentVersion ?? throw new ModelFileException(
            Root,
            $"The repository has no model: no {CurrentFile} file, no {ModelStore.MetadataFile} and no {VersionsFolder} folder. Train a model into it with `ganwatch train` first.");
        string directory = DirectoryOf(version);
        try
        {
            return GanModel.Load(directory, device);
        }
        catch (ModelFileException error)
        {
            throw new ModelFileException(
                error.FilePath,
                $"Version {version} cannot be loaded: {error.Message} `ganwatch model list {Root}` shows the other versions.",
                error);
        }
    }

    /// <summary>
    /// Saves <paramref name="model"/> as a new version, makes it current and prunes old versions. The version name is
    /// the model's <see cref="GanModel.ModelVersion"/>, with a suffix such as -2 when that name is taken; the model's
    /// ModelVersion is set to the name used. A model with no parent version, added to a root that contains a legacy model,
    /// records the legacy model as its parent.
    /// </summary>
    /// <param name="model">The model to save.</param>
    /// <param name="keep">Versions to keep, at least 1; see <see cref="Prune"/>.</param>
    /// <exception cref="ArgumentException">The model version cannot be a directory name.</exception>
    /// <exception cref="ModelFileException">Writing failed; the current version is unchanged.</exception>
    public ModelVersionInfo Add(GanModel model, int keep)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(keep, 1);
        EnsureValidName(model.ModelVersion);
        lock (gate)
        {
            string? legacy = LegacyVersion();
            if (model.Lineage.ParentVersion is null && legacy is not null)
            {
                var lineage = model.Lineage.Clone();
                lineage.ParentVersion = legacy;
                model.Lineage = lineage;
            }

            string name = UniqueName(model.ModelVersion, legacy);
            model.ModelVersion = name;
            string directory = Path.Combine(VersionsPath, name);
            model.Save(directory);
            WriteCurrent(name);
            Prune(keep);
            return Describe(name, directory) with { IsCurrent = true };
        }
    }

    /// <summary>
    /// Copies a model directory into the repository as a version, after verifying its checksums, makes it current and
    /// prunes old versions. The version name is the model version in its model.json. When that version is already here
    /// with the same model.json, nothing is copied. When another model has taken the name, the copy gets a suffix such as
    /// -2, which is also written into its model.json.
    /// </summary>
    /// <param name="sourceDirectory">A model directory written by <see cref="GanModel.Save"/>, for example one assembled from the model topic.</param>
    /// <param name="keep">Versions to keep, at least 1; see <see cref="Prune"/>.</param>
    /// <exception cref="ModelFileException">The source is missing or corrupt, its version cannot be a directory name, or copying failed; the current version is then unchanged.</exception>
    public ModelVersionInfo Import(string sourceDirectory, int keep)
    {
        ArgumentNullException.ThrowIfNull(sourceDirectory);
        ArgumentOutOfRangeException.ThrowIfLessThan(keep, 1);
        string source = Path.GetFullPath(sourceDirectory);
        var metadata = ModelStore.Verify(source);
        string sourceChecksum = ModelStore.HashFile(Path.Combine(source, ModelStore.MetadataFile));
        if (!IsValidName(metadata.ModelVersion))
        {
            throw new ModelFileException(
                Path.Combine(source, ModelStore.MetadataFile),
                $"The model version '{metadata.ModelVersion}' cannot be used as a directory name. Re-save the model with a version of letters, digits, '-', '_' and '.'.");
        }

        lock (gate)
        {
            string? legacy = LegacyVersion();
            string existing = metadata.ModelVersion == legacy ? Root : Path.Combine(VersionsPath, metadata.ModelVersion);
            if (File.Exists(Path.Combine(existing, ModelStore.MetadataFile))
                && ModelStore.HashFile(Path.Combine(existing, ModelStore.MetadataFile)) == sourceChecksum)
            {
                WriteCurrent(metadata.ModelVersion);
                Prune(keep);
                return Describe(existing == Root ? null : metadata.ModelVersion, existing) with { IsCurrent = true };
            }

            string name = UniqueName(metadata.ModelVersion, legacy);
            string directory = Path.Combine(VersionsPath, name);
            CopyVersion(source, directory, name == metadata.ModelVersion ? null : metadata, name);
            WriteCurrent(name);
            Prune(keep);
            return Describe(name, directory) with { IsCurrent = true };
        }
    }

    /// <summary>Makes <paramref name="version"/> current (a rollback), after verifying that its model.json and weights checksums are intact.</summary>
    /// <exception cref="ModelFileException">The version is not here or fails verification; the current version is then unchanged.</exception>
    public void SetCurrent(string version)
    {
        ArgumentNullException.ThrowIfNull(version);
        lock (gate)
        {
            string directory = DirectoryOf(version);
            try
            {
                ModelStore.Verify(directory);
            }
            catch (ModelFileException error)
            {
                throw new ModelFileException(
                    error.FilePath,
                    $"Version {version} failed verification, so the current version was not changed: {error.Message} `ganwatch model list {Root}` shows the other versions.",
                    error);
            }

            WriteCurrent(version);
        }
    }

    /// <summary>
    /// Deletes all but the newest <paramref name="keep"/> versions, except the current version, the legacy root model and
    /// any version whose model.json cannot be read (it may come from a newer GanWatch, so it is left for a person to judge).
    /// </summary>
    /// <exception cref="ModelFileException">Deleting a version failed.</exception>
    public void Prune(int keep)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(keep, 1);
        lock (gate)
        {
            foreach (var info in List().Skip(keep))
            {
                if (info.IsCurrent || info.Problem is not null || info.Directory == Root)
                {
                    continue;
                }

                DeleteVersion(info);
            }
        }
    }

    /// <summary>Whether <paramref name="name"/> can be a version directory name: letters, digits, '-', '_' and '.', not starting with '.'.</summary>
    private static bool IsValidName(string name) =>
        name.Length is > 0 and <= 200 && name[0] != '.' && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    private static void EnsureValidName(string version)
    {
        if (!IsValidName(version))
        {
            throw new ArgumentException(
                $"The model version '{version}' cannot be used as a directory name. Use letters, digits, '-', '_' and '.', not starting with '.'.",
                nameof(version));
        }
    }

    private string UniqueName(string version, string? legacy)
    {
        string name = version;
        for (int suffix = 2; name == legacy || Directory.Exists(Path.Combine(VersionsPath, name)); suffix++)
        {
            name = $"{version}-{suffix}";
        }

        return name;
    }

    private string? ReadCurrentFile()
    {
        try
        {
            string text = File.ReadAllText(CurrentPath).Trim();
            return text.Length == 0 ? null : text;
        }
        catch (Exception error) when (error is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Returns the model version of a plain model directory at the root, or null when there is none or it cannot be read.</summary>
    private string? LegacyVersion()
    {
        if (!File.Exists(Path.Combine(Root, ModelStore.MetadataFile)))
        {
            return null;
        }

        var info = Describe(null, Root);
        return info.Problem is null ? info.Version : null;
    }

    private IEnumerable<ModelVersionInfo> ListVersionFolders()
    {
        if (!Directory.Exists(VersionsPath))
        {
            return [];
        }

        // Names starting with '.' are the temporary and discarded directories of atomic saves and deletes.
        return Directory.EnumerateDirectories(VersionsPath)
            .Where(directory => !Path.GetFileName(directory).StartsWith('.'))
            .Select(directory => Describe(Path.GetFileName(directory), directory))
            .ToList();
    }

    /// <summary>Describes the version in <paramref name="directory"/>; <paramref name="version"/> null means the legacy root, named by its model.json.</summary>
    private static ModelVersionInfo Describe(string? version, string directory)
    {
        string path = Path.Combine(directory, ModelStore.MetadataFile);
        string fallbackName = version ?? Path.GetFileName(directory);
        try
        {
            string checksum = ModelStore.HashFile(path);
            var metadata = ModelMetadataReader.Read(path);
            var lineage = metadata.Lineage ?? new ModelLineage();
            return new ModelVersionInfo(
                version ?? metadata.ModelVersion,
                lineage.ParentVersion,
                metadata.CreatedAt,
                // A model trained from scratch has no lineage; its training data summary gives the span instead.
                lineage.DataFrom ?? metadata.Data?.FirstTimestamp,
                lineage.DataTo ?? metadata.Data?.LastTimestamp,
                lineage.Validation,
                checksum,
                false,
                directory);
        }
        catch (ModelFileException error)
        {
            return new ModelVersionInfo(fallbackName, null, DateTimeOffset.MinValue, null, null, null, "", false, directory, error.Message);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return new ModelVersionInfo(fallbackName, null, DateTimeOffset.MinValue, null, null, null, "", false, directory, $"{path}: {error.Message}");
        }
    }

    /// <summary>Copies the model files into a temporary sibling, renames the version when <paramref name="renamed"/> is set, verifies the copy and moves it into place.</summary>
    private void CopyVersion(string source, string target, ModelMetadata? renamed, string name)
    {
        string temporary = Path.Combine(VersionsPath, $".{name}.tmp-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(temporary);
            foreach (string file in ModelStore.WeightsFiles.Append(ModelStore.MetadataFile))
            {
                File.Copy(Path.Combine(source, file), Path.Combine(temporary, file));
            }

            if (renamed is not null)
            {
                renamed.ModelVersion = name;
                ModelStore.WriteMetadata(Path.Combine(temporary, ModelStore.MetadataFile), renamed, FileMode.Create);
            }

            ModelStore.Verify(temporary);
            Directory.Move(temporary, target);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or ModelFileException)
        {
            ModelStore.TryDelete(temporary);
            throw error as ModelFileException ?? new ModelFileException(
                target,
                $"Copying version {name} from {source} failed: {error.Message} Check that {Root} is writable and has free space.",
                error);
        }
    }

    private void WriteCurrent(string version)
    {
        string temporary = Path.Combine(Root, $".{CurrentFile}.tmp-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(Root);
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(version + "\n");
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            // rename(2) replaces the target atomically, so readers see the old or the new name, never a partial file.
            File.Move(temporary, CurrentPath, overwrite: true);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            ModelStore.TryDelete(temporary);
            throw new ModelFileException(
                CurrentPath,
                $"Setting the current version to {version} failed: {error.Message} Check that {Root} is writable. The previous current version is unchanged.",
                error);
        }
    }

    private void DeleteVersion(ModelVersionInfo info)
    {
        // Renaming first means a half-deleted directory never looks like a version.
        string aside = Path.Combine(VersionsPath, $".{info.Version}.old-{Guid.NewGuid():N}");
        try
        {
            Directory.Move(info.Directory, aside);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new ModelFileException(info.Directory, $"Deleting old version {info.Version} failed: {error.Message} Check the permissions of {VersionsPath}.", error);
        }

        ModelStore.TryDelete(aside);
    }
}
