using GanWatch.Evaluation.Data;

namespace GanWatch.Evaluation.Tests.Data;

public sealed class CsvSeriesReaderTests
{
    [Fact]
    public void NabFileReadsTimestampsAndValue()
    {
        using var folder = new TempFolder();
        var path = folder.Write("art.csv", "timestamp,value\n2014-04-01 00:00:00,20.5\n2014-04-01 00:05:00,-3\n\n");

        var series = CsvSeriesReader.Read(path);

        Assert.Equal("art", series.Name);
        Assert.Equal(["value"], series.ChannelNames);
        Assert.Equal(2, series.RowCount);
        Assert.NotNull(series.Timestamps);
        Assert.Equal(new DateTime(2014, 4, 1, 0, 5, 0), series.Timestamps[1]);
        Assert.Equal(20.5f, series.Values[0][0]);
        Assert.Equal(-3f, series.Values[1][0]);
    }

    [Fact]
    public void HeaderlessFileReadsEveryColumn()
    {
        using var folder = new TempFolder();
        var path = folder.Write("machine.txt", "0.1,0.2,0.3\n1e-3,0,1\n");

        var series = CsvSeriesReader.Read(path);

        Assert.Null(series.Timestamps);
        Assert.Equal(["c0", "c1", "c2"], series.ChannelNames);
        Assert.Equal(2, series.RowCount);
        Assert.Equal(0.001f, series.Values[1][0]);
        Assert.Equal([0.3f, 1f], series.GetChannel(2));
    }

    [Fact]
    public void HeaderWithoutTimestampNamesChannels()
    {
        using var folder = new TempFolder();
        var path = folder.Write("named.csv", "cpu,2\n1,2\n");

        var series = CsvSeriesReader.Read(path);

        Assert.Equal(["cpu", "2"], series.ChannelNames);
        Assert.Equal(1, series.RowCount);
    }

    [Fact]
    public void MissingFileNamesPath()
    {
        var path = Path.Combine(Path.GetTempPath(), "ganwatch-no-such-file.csv");

        var error = Assert.Throws<DataFormatException>(() => CsvSeriesReader.Read(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("not found", error.Message);
    }

    [Fact]
    public void EmptyFileFails()
    {
        using var folder = new TempFolder();
        var path = folder.Write("empty.csv", "\n\n");

        var error = Assert.Throws<DataFormatException>(() => CsvSeriesReader.Read(path));

        Assert.Contains("empty", error.Message);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void NonNumericCellNamesLineAndCell()
    {
        using var folder = new TempFolder();
        var path = folder.Write("bad.csv", "timestamp,value\n2014-04-01 00:00:00,1\n2014-04-01 00:05:00,abc\n");

        var error = Assert.Throws<DataFormatException>(() => CsvSeriesReader.Read(path));

        Assert.Equal(3, error.LineNumber);
        Assert.Equal(path, error.FilePath);
        Assert.Contains("'abc'", error.Message);
        Assert.Contains("line 3", error.Message);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("1e300")]
    public void NonFiniteValueFails(string cell)
    {
        using var folder = new TempFolder();
        var path = folder.Write("nan.txt", $"1,2\n3,{cell}\n");

        var error = Assert.Throws<DataFormatException>(() => CsvSeriesReader.Read(path));

        Assert.Equal(2, error.LineNumber);
        Assert.Contains("not a finite", error.Message);
    }

    [Fact]
    public void RaggedRowFails()
    {
        using var folder = new TempFolder();
        var path = folder.Write("ragged.txt", "1,2\n3,4\n5\n");

        var error = Assert.Throws<DataFormatException>(() => CsvSeriesReader.Read(path));

        Assert.Equal(3, error.LineNumber);
        Assert.Contains("1 cell(s)", error.Message);
    }

    [Fact]
    public void BadTimestampFails()
    {
        using var folder = new TempFolder();
        var path = folder.Write("time.csv", "timestamp,value\nyesterday,1\n");

        var error = Assert.Throws<DataFormatException>(() => CsvSeriesReader.Read(path));

        Assert.Equal(2, error.LineNumber);
        Assert.Contains("not a timestamp", error.Message);
    }

    [Fact]
    public void TooFewRowsNamesMinimum()
    {
        using var folder = new TempFolder();
        var path = folder.Write("short.csv", "timestamp,value\n2014-04-01 00:00:00,1\n2014-04-01 00:05:00,2\n");

        var error = Assert.Throws<DataFormatException>(() => CsvSeriesReader.Read(path, new CsvReadOptions { MinimumRows = 32 }));

        Assert.Contains("2 data row(s)", error.Message);
        Assert.Contains("32", error.Message);
    }

    [Fact]
    public void InvalidOptionsListEveryProblem()
    {
        var options = new CsvReadOptions { Separator = '"', TimestampColumn = " ", MinimumRows = 0 };

        var problems = options.Validate();

        Assert.Equal(3, problems.Count);
        Assert.Throws<ArgumentException>(() => CsvSeriesReader.Read("unused.csv", options));
    }

    [Fact]
    public void FolderReadsSortedSeriesFiles()
    {
        using var folder = new TempFolder();
        folder.Write("b.txt", "1\n2\n");
        folder.Write("a.csv", "value\n5\n");
        folder.Write("notes.md", "not a series");

        var series = CsvSeriesReader.ReadPath(folder.Path);

        Assert.Equal(["a", "b"], series.Select(item => item.Name));
        Assert.Equal(2, series[1].RowCount);
    }

    [Fact]
    public void FolderWithoutSeriesFails()
    {
        using var folder = new TempFolder();
        folder.Write("notes.md", "not a series");

        var error = Assert.Throws<DataFormatException>(() => CsvSeriesReader.ReadFolder(folder.Path));

        Assert.Contains("no .csv or .txt files", error.Message);
    }
}
