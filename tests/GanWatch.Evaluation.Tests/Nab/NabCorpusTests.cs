using GanWatch.Evaluation.Data;
using GanWatch.Evaluation.Nab;

namespace GanWatch.Evaluation.Tests.Nab;

public sealed class NabCorpusTests
{
    private static string WriteCorpus(TempFolder folder, string windowsJson)
    {
        var rows = string.Concat(Enumerable.Range(0, 20).Select(row => $"2014-04-01 00:{row:00}:00,{row}\n"));
        folder.Write("data/artificial/one.csv", "timestamp,value\n" + rows);
        folder.Write("labels/combined_windows.json", windowsJson);
        folder.Write("labels/combined_labels.json", """{"artificial/one.csv": ["2014-04-01 00:07:00", "2014-04-01 00:08:00"]}""");
        return folder.Path;
    }

    [Fact]
    public void LoadMatchesWindowsToRows()
    {
        using var folder = new TempFolder();
        var root = WriteCorpus(folder, """{"artificial/one.csv": [["2014-04-01 00:05:00.000000", "2014-04-01 00:09:00.000000"]]}""");

        var corpus = NabCorpus.Load(root);

        var series = Assert.Single(corpus.Series);
        Assert.Equal("artificial/one.csv", series.RelativePath);
        Assert.Equal("artificial", series.Category);
        Assert.Equal("one", series.FileName);
        Assert.Equal(20, series.Data.RowCount);
        var window = Assert.Single(series.Windows);
        Assert.Equal(5, window.StartRow);
        Assert.Equal(9, window.EndRow);
        Assert.Equal(2, corpus.LabelCount);
        Assert.Equal(5, series.GetWindowLabels().Count(label => label));
    }

    [Fact]
    public void WindowOffRowTimestampsFails()
    {
        using var folder = new TempFolder();
        var root = WriteCorpus(folder, """{"artificial/one.csv": [["2014-04-01 00:05:30", "2014-04-01 00:09:00"]]}""");

        var error = Assert.Throws<DataFormatException>(() => NabCorpus.Load(root));

        Assert.Contains("artificial/one.csv", error.Message);
    }

    [Fact]
    public void DataFileWithoutWindowsEntryFails()
    {
        using var folder = new TempFolder();
        var root = WriteCorpus(folder, "{}");

        var error = Assert.Throws<DataFormatException>(() => NabCorpus.Load(root));

        Assert.Contains("no entry for 'artificial/one.csv'", error.Message);
    }

    [Fact]
    public void MissingDataFolderFails()
    {
        using var folder = new TempFolder();

        var error = Assert.Throws<DataFormatException>(() => NabCorpus.Load(folder.Path));

        Assert.Contains("data", error.Message);
    }

    [Fact]
    public void SharedSubsetLoads()
    {
        var root = SharedData.RequireFolder("nab");

        var corpus = NabCorpus.Load(root);

        Assert.Equal(31, corpus.Series.Count);
        Assert.Equal(53, corpus.Series.Sum(series => series.Windows.Count));
        Assert.Equal(54, corpus.LabelCount);
        foreach (var series in corpus.Series)
        {
            var probation = NabScoring.ProbationRows(series.Data.RowCount);
            Assert.All(series.Windows, window => Assert.True(window.StartRow >= probation, $"{series.RelativePath} window starts in probation"));
        }

        // One detection at each window start earns A_TP per window, but NAB's perfect score counts the 54 labels,
        // and one window contains two labels: 100 * (53 + 53) / (54 + 53).
        var detections = corpus.Series
            .Select(series => series.Windows.Aggregate(new bool[series.Data.RowCount], (rows, window) =>
            {
                rows[window.StartRow] = true;
                return rows;
            }))
            .ToList();
        var score = NabScorer.ForCorpus(corpus).ScoreDetections(detections, NabProfile.Standard);
        Assert.Equal(53.0, score.RawScore, 9);
        Assert.Equal(100.0 * 106.0 / 107.0, score.NormalizedScore, 9);
    }

    [Fact]
    public void ResultsWriterUsesNabLayout()
    {
        using var folder = new TempFolder();
        var root = WriteCorpus(folder, """{"artificial/one.csv": [["2014-04-01 00:05:00", "2014-04-01 00:09:00"]]}""");
        var series = NabCorpus.Load(root).Series[0];
        var scores = Enumerable.Range(0, 20).Select(row => row / 20.0).ToArray();

        var path = NabResultsWriter.Write(Path.Combine(root, "results"), "ganwatch", series, scores);

        Assert.Equal(Path.Combine(root, "results", "ganwatch", "artificial", "ganwatch_one.csv"), path);
        var lines = File.ReadAllLines(path);
        Assert.Equal("timestamp,value,anomaly_score,label", lines[0]);
        Assert.Equal(21, lines.Length);
        Assert.Equal("2014-04-01 00:04:00,4,0.2,0", lines[5]);
        Assert.Equal("2014-04-01 00:05:00,5,0.25,1", lines[6]);
        Assert.EndsWith(",1", lines[10]);
        Assert.EndsWith(",0", lines[11]);
    }

    [Fact]
    public void ResultsWriterRejectsScoresOutsideUnitRange()
    {
        using var folder = new TempFolder();
        var root = WriteCorpus(folder, """{"artificial/one.csv": []}""");
        var series = NabCorpus.Load(root).Series[0];
        var scores = new double[20];
        scores[3] = 1.5;

        Assert.Throws<ArgumentOutOfRangeException>(() => NabResultsWriter.Write(Path.Combine(root, "results"), "ganwatch", series, scores));
        Assert.Throws<ArgumentException>(() => NabResultsWriter.Write(Path.Combine(root, "results"), "ganwatch", series, new double[19]));
    }
}
