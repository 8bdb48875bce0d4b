namespace GanWatch.Streaming.ModelDistribution;

/// <summary>A model version found on the model topic, with the chunk count its headers give.</summary>
/// <param name="Version">The model version.</param>
/// <param name="ChunkCount">Chunks the version was published in; deleting it takes one tombstone per chunk.</param>
public sealed record PublishedVersion(string Version, int ChunkCount);
