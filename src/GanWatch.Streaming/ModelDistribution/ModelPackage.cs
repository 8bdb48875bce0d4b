namespace GanWatch.Streaming.ModelDistribution;

/// <summary>One complete, checksum-verified model package read from the model topic.</summary>
/// <param name="Lineage">The model lineage the package belongs to, for example the last segment of a model directory.</param>
/// <param name="Version">The model version; within a lineage, the ordinal greatest version is the newest.</param>
/// <param name="Content">The package bytes, reassembled from all chunks. The receiver owns the array.</param>
/// <param name="Sha256">Lowercase hex SHA-256 of <paramref name="Content"/>, as published and verified.</param>
/// <param name="ChunkCount">Number of chunks the package was published in.</param>
public sealed record ModelPackage(string Lineage, string Version, byte[] Content, string Sha256, int ChunkCount);
