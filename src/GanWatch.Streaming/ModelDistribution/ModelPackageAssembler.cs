using System.Globalization;
using System.Security.Cryptography;
using Confluent.Kafka;

namespace GanWatch.Streaming.ModelDistribution;

/// <summary>
/// Collects chunks read from the model topic into packages, verifies each complete package's SHA-256, and keeps the
/// newest package per lineage. Used by one reader thread only.
/// </summary>
internal sealed class ModelPackageAssembler
{
    private readonly Dictionary<(string Lineage, string Version), PendingPackage> _pending = [];
    private readonly Dictionary<string, ModelPackage> _latest = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedDictionary<string, int>> _chunkCounts = new(StringComparer.Ordinal);

    /// <summary>The newest complete, verified package of each lineage seen so far.</summary>
    public IReadOnlyDictionary<string, ModelPackage> Latest => _latest;

    /// <summary>
    /// Returns every version of <paramref name="lineage"/> with a chunk on the topic and no tombstone read after it, with
    /// its chunk count, oldest first. Complete, incomplete and corrupt versions are all listed, so that they can be deleted.
    /// </summary>
    public IReadOnlyList<PublishedVersion> VersionsOf(string lineage) =>
        _chunkCounts.TryGetValue(lineage, out SortedDictionary<string, int>? versions)
            ? versions.Select(entry => new PublishedVersion(entry.Key, entry.Value)).ToList()
            : [];

    /// <summary>Describes every package that still misses chunks, for a log line after the initial read.</summary>
    public IEnumerable<string> DescribeIncomplete() =>
        _pending.Select(entry => $"{entry.Key.Lineage}/{entry.Key.Version} ({entry.Value.Received} of {entry.Value.Count} chunks)");

    /// <summary>
    /// Adds one record of the model topic. Returns the package it completed when that package is newer than the
    /// lineage's latest, else null. <paramref name="problem"/> describes a record or package that was skipped.
    /// </summary>
    public ModelPackage? Add(byte[]? key, byte[]? value, Headers? headers, out string? problem)
    {
        problem = null;
        if (!ModelChunkHeaders.TryParseKey(key, out string lineage, out string version, out int index))
        {
            problem = "its key is not <lineage>/<version>/<index>";
            return null;
        }

        (string, string) id = (lineage, version);
        if (value is null)
        {
            // A tombstone: the version is being deleted, so a half-read copy of it is dropped too.
            _pending.Remove(id);
            if (_chunkCounts.TryGetValue(lineage, out SortedDictionary<string, int>? deleted))
            {
                deleted.Remove(version);
            }

            return null;
        }

        if (!TryReadHeaders(headers, version, index, out int count, out string sha256, out problem))
        {
            _pending.Remove(id);
            problem = $"chunk {index} of model {lineage}/{version} is corrupt: {problem}";
            return null;
        }

        if (!_chunkCounts.TryGetValue(lineage, out SortedDictionary<string, int>? counts))
        {
            counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
            _chunkCounts.Add(lineage, counts);
        }

        counts[version] = Math.Max(count, counts.GetValueOrDefault(version));
        if (_latest.TryGetValue(lineage, out ModelPackage? latest) && string.CompareOrdinal(version, latest.Version) <= 0)
        {
            return null;
        }

        if (!_pending.TryGetValue(id, out PendingPackage? pending) || pending.Count != count || pending.Sha256 != sha256)
        {
            // A version published again with other content replaces the earlier, unfinished copy.
            pending = new PendingPackage(count, sha256);
            _pending[id] = pending;
        }

        pending.Set(index, value);
        if (pending.Received < count)
        {
            return null;
        }

        _pending.Remove(id);
        byte[] content = pending.Concatenate();
        string actual = Convert.ToHexStringLower(SHA256.HashData(content));
        if (actual != sha256)
        {
            problem = $"model {lineage}/{version} is corrupt: its {count} chunks have SHA-256 {actual}, but the headers give {sha256}";
            return null;
        }

        var package = new ModelPackage(lineage, version, content, sha256, count);
        _latest[lineage] = package;
        foreach ((string, string) older in _pending.Keys.Where(key => key.Lineage == lineage && string.CompareOrdinal(key.Version, version) <= 0).ToList())
        {
            _pending.Remove(older);
        }

        return package;
    }

    private static bool TryReadHeaders(Headers? headers, string version, int index, out int count, out string sha256, out string? problem)
    {
        count = 0;
        sha256 = ModelChunkHeaders.Text(headers, ModelChunkHeaders.Sha256) ?? "";
        string? headerVersion = ModelChunkHeaders.Text(headers, ModelChunkHeaders.Version);
        string? headerIndex = ModelChunkHeaders.Text(headers, ModelChunkHeaders.Index);
        string? headerCount = ModelChunkHeaders.Text(headers, ModelChunkHeaders.Count);
        if (headerVersion != version)
        {
            problem = $"header version is '{headerVersion}' but the key names '{version}'";
            return false;
        }

        if (headerIndex != index.ToString(CultureInfo.InvariantCulture))
        {
            problem = $"header index is '{headerIndex}' but the key names {index}";
            return false;
        }

        if (!int.TryParse(headerCount, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count < 1 || count > ModelTopicSettings.MaxChunkCount)
        {
            problem = $"header count is '{headerCount}'; expected 1 to {ModelTopicSettings.MaxChunkCount}";
            return false;
        }

        if (index >= count)
        {
            problem = $"index {index} is not below the chunk count {count}";
            return false;
        }

        if (sha256.Length != 64 || !sha256.All(Uri.IsHexDigit) || sha256.Any(char.IsUpper))
        {
            problem = $"header sha256 is '{sha256}'; expected 64 lowercase hex digits";
            return false;
        }

        problem = null;
        return true;
    }

    private sealed class PendingPackage(int count, string sha256)
    {
        private readonly byte[]?[] _chunks = new byte[]?[count];

        public int Count { get; } = count;

        public string Sha256 { get; } = sha256;

        public int Received { get; private set; }

        public void Set(int index, byte[] chunk)
        {
            if (_chunks[index] is null)
            {
                Received++;
            }

            _chunks[index] = chunk;
        }

        public byte[] Concatenate()
        {
            var content = new byte[_chunks.Sum(chunk => chunk!.Length)];
            int offset = 0;
            foreach (byte[]? chunk in _chunks)
            {
                chunk!.CopyTo(content, offset);
                offset += chunk.Length;
            }

            return content;
        }
    }
}
