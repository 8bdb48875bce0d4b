namespace GanWatch.Models;

/// <summary>
/// One configured model: a model repository directory and the version pinned for it, if any. A directory without a
/// pinned version follows the repository's current version, which fine-tuning and the model topic may advance.
/// </summary>
/// <param name="Directory">Full path of the model repository (or of a plain model directory written by <c>ganwatch train</c>).</param>
/// <param name="PinnedVersion">The version to load and keep; null follows the repository's current version.</param>
internal readonly record struct ModelSource(string Directory, string? PinnedVersion)
{
    /// <summary>
    /// The lineage name of the repository: the last segment of <see cref="Directory"/>, for example <c>cpu</c> for
    /// <c>/var/lib/ganwatch/models/cpu</c>. Instances that share a model topic exchange versions by this name.
    /// </summary>
    public string Lineage => Path.GetFileName(Path.TrimEndingDirectorySeparator(Directory));

    /// <summary>Whether a version is pinned, so that neither fine-tuning nor the model topic replaces the model.</summary>
    public bool IsPinned => PinnedVersion is not null;

    /// <summary>Returns the directory, followed by <c>@version</c> when pinned.</summary>
    public override string ToString() => IsPinned ? $"{Directory}@{PinnedVersion}" : Directory;
}
