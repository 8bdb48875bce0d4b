using System.IO.Compression;
using System.Text;
using GanWatch.Engine.Features;
using GanWatch.Evaluation.Data;
using GanWatch.Evaluation.Kdd99;

namespace GanWatch.Evaluation.Tests.Kdd99;

public sealed class Kdd99DataTests
{
    [Fact]
    public void Load_ReadsSchemaFeaturesAndLabels()
    {
        using var folder = new TempFolder();
        bool[] labels = SyntheticKdd99Folder.Write(folder, rows: 20);

        var data = Kdd99Data.Load(folder.Path, FeatureScaling.Standard);

        Assert.Equal(["duration", "protocol_type", "src_bytes", "flag"], data.Columns);
        Assert.Equal([FeatureKind.Numeric, FeatureKind.Categorical, FeatureKind.Numeric, FeatureKind.Categorical], data.Schema.Fields.Select(f => f.Kind));
        Assert.All(data.Schema.Fields, f => Assert.Equal(FeatureScaling.Standard, f.Scaling));
        Assert.Equal(20, data.Rows.Count);
        Assert.Equal(labels, data.IsNormal);
        Assert.Equal(["normal.", "neptune.", "smurf."], data.Labels[..3]);
        Assert.Equal(2, data.Rows[1].Numbers.Length);
        Assert.Equal(["tcp", "S0"], data.Rows[1].Categories);
    }

    [Fact]
    public void Load_BadNumberNamesLineAndColumn()
    {
        using var folder = new TempFolder();
        folder.Write("columns.txt", SyntheticKdd99Folder.Columns);
        WriteGzip(folder, "0,tcp,10,SF,normal.\n0,tcp,ten,SF,smurf.\n");

        var error = Assert.Throws<DataFormatException>(() => Kdd99Data.Load(folder.Path));

        Assert.Contains("Line 2", error.Message);
        Assert.Contains("column 3", error.Message);
        Assert.Contains("'ten'", error.Message);
    }

    [Fact]
    public void Load_WrongColumnCountIsReported()
    {
        using var folder = new TempFolder();
        folder.Write("columns.txt", SyntheticKdd99Folder.Columns);
        WriteGzip(folder, "0,tcp,10,SF\n");

        var error = Assert.Throws<DataFormatException>(() => Kdd99Data.Load(folder.Path));

        Assert.Contains("has 4 values", error.Message);
    }

    [Fact]
    public void Load_MissingFileIsNamed()
    {
        using var folder = new TempFolder();
        folder.Write("columns.txt", SyntheticKdd99Folder.Columns);

        var error = Assert.Throws<DataFormatException>(() => Kdd99Data.Load(folder.Path));

        Assert.Contains(Kdd99Data.DataFile, error.Message);
    }

    private static void WriteGzip(TempFolder folder, string text)
    {
        using var file = File.Create(Path.Combine(folder.Path, Kdd99Data.DataFile));
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        gzip.Write(Encoding.UTF8.GetBytes(text));
    }
}
