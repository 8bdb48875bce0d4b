using System.Globalization;
using System.Text;
using Confluent.Kafka;

namespace GanWatch.Streaming.ModelDistribution;

/// <summary>
/// The record format of one package chunk: key <c>&lt;lineage&gt;/&lt;version&gt;/&lt;index&gt;</c>, the chunk bytes as
/// value, and UTF-8 text headers <c>version</c>, <c>index</c> (from 0), <c>count</c> and <c>sha256</c> (lowercase hex of
/// the whole package). A record with a null value is a tombstone that deletes that chunk from the compacted topic.
/// </summary>
internal static class ModelChunkHeaders
{
    public const string Version = "version";
    public const string Index = "index";
    public const string Count = "count";
    public const string Sha256 = "sha256";

    /// <summary>Returns the record key of chunk <paramref name="index"/>.</summary>
    public static byte[] Key(string lineage, string version, int index) =>
        Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{lineage}/{version}/{index}"));

    /// <summary>Returns the headers of chunk <paramref name="index"/> of <paramref name="count"/>.</summary>
    public static Headers Create(string version, int index, int count, string sha256) =>
    [
        new Header(Version, Encoding.UTF8.GetBytes(version)),
        new Header(Index, Encoding.UTF8.GetBytes(index.ToString(CultureInfo.InvariantCulture))),
        new Header(Count, Encoding.UTF8.GetBytes(count.ToString(CultureInfo.InvariantCulture))),
        new Header(Sha256, Encoding.UTF8.GetBytes(sha256)),
    ];

    /// <summary>Returns whether <paramref name="name"/> is usable as a lineage or version: not empty, no '/', no control characters.</summary>
    public static bool IsValidName(string? name) =>
        !string.IsNullOrEmpty(name) && !name.Contains('/', StringComparison.Ordinal) && !name.Any(char.IsControl);

    /// <summary>Parses a record key into lineage, version and chunk index.</summary>
    public static bool TryParseKey(byte[]? key, out string lineage, out string version, out int index)
    {
        lineage = version = "";
        index = -1;
        if (key is null)
        {
            return false;
        }

        string[] parts = Encoding.UTF8.GetString(key).Split('/');
        if (parts.Length != 3 || !IsValidName(parts[0]) || !IsValidName(parts[1])
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out index))
        {
            return false;
        }

        lineage = parts[0];
        version = parts[1];
        return true;
    }

    /// <summary>Returns the text of the last header named <paramref name="name"/>, or null.</summary>
    public static string? Text(Headers? headers, string name) =>
        headers is not null && headers.TryGetLastBytes(name, out byte[] value) ? Encoding.UTF8.GetString(value) : null;
}
