using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace GanWatch.Evaluation.Tests.Kdd99;

/// <summary>
/// A small KDD99-shaped folder: a columns.txt with two continuous and two symbolic features plus the label, and a
/// gzip file of records in which attacks are tight clusters and <c>normal.</c> records (every fifth) lie apart.
/// </summary>
internal static class SyntheticKdd99Folder
{
    public const string Columns = "duration,continuous\nprotocol_type,symbolic\nsrc_bytes,continuous\nflag,symbolic\nlabel,symbolic\n";

    /// <summary>Writes the folder with <paramref name="rows"/> records and returns the labels in file order.</summary>
    public static bool[] Write(TempFolder folder, int rows, int seed = 1)
    {
        folder.Write("columns.txt", Columns);
        var random = new Random(seed);
        var labels = new bool[rows];
        var text = new StringBuilder();
        for (int i = 0; i < rows; i++)
        {
            labels[i] = i % 5 == 0;
            string line = labels[i]
                ? string.Create(CultureInfo.InvariantCulture, $"{random.Next(50, 500)},tcp,{random.Next(1000, 20000)},SF,normal.")
                : i % 2 == 0
                    ? string.Create(CultureInfo.InvariantCulture, $"0,icmp,{1032 + random.Next(0, 3)},SF,smurf.")
                    : string.Create(CultureInfo.InvariantCulture, $"0,tcp,{random.Next(0, 2)},S0,neptune.");
            text.Append(line).Append('\n');
        }

        string path = Path.Combine(folder.Path, "kddcup.data_10_percent.gz");
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        gzip.Write(Encoding.UTF8.GetBytes(text.ToString()));
        return labels;
    }
}
