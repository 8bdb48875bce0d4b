using GanWatch.Engine.FineTuning;

namespace GanWatch.Engine.Persistence;

/// <summary>One model version in a <see cref="ModelRepository"/>, as listed from its model.json.</summary>
/// <param name="Version">The version name, which is also its directory name under versions/ (or the legacy root's model version).</param>
/// <param name="ParentVersion">The version it was fine-tuned from; null for a model trained from scratch.</param>
/// <param name="CreatedAt">When it was trained or fine-tuned (UTC).</param>
/// <param name="DataFrom">End time of the earliest fine-tuning window, or the first training timestamp of a model trained from scratch, when known.</param>
/// <param name="DataTo">End time of the latest fine-tuning window, or the last training timestamp of a model trained from scratch, when known.</param>
/// <param name="Validation">The validation gate's numbers, when it passed one.</param>
/// <param name="Checksum">Lower-case hex SHA-256 of the version's model.json, which lists the SHA-256 of each weights file.</param>
/// <param name="IsCurrent">Whether this is the version the repository loads by default.</param>
/// <param name="Directory">The full path of the model directory.</param>
/// <param name="Problem">Why the model.json of this version could not be read; null when it was read. The other fields are then empty.</param>
public sealed record ModelVersionInfo(
    string Version,
    string? ParentVersion,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DataFrom,
    DateTimeOffset? DataTo,
    ValidationReport? Validation,
    string Checksum,
    bool IsCurrent,
    string Directory,
    string? Problem = null);
