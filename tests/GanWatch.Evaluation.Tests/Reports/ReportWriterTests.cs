using GanWatch.Evaluation.Nab;
using GanWatch.Evaluation.Reports;
using GanWatch.Evaluation.Runs;
using GanWatch.Evaluation.Smd;
using GanWatch.Evaluation.Tests.Runs;

namespace GanWatch.Evaluation.Tests.Reports;

public sealed class ReportWriterTests
{
    private const string FlatPath = "artificialNoAnomaly/tiny_flat.csv";
    private const string PrintedTables = "profile | score\nstandard | 42.0";

    private static readonly ReportRunInfo Info = new(
        "ganwatch evaluate nab --data tiny --report out",
        new DateTimeOffset(2026, 12, 4, 10, 30, 0, TimeSpan.Zero),
        TimeSpan.FromSeconds(12),
        ReportRunInfo.DescribeMachine());

    [Fact]
    public void WriteNab_WritesSummaryAndPlots()
    {
        using var nab = new TinyNabFolder();
        AddSeriesWithoutWindows(nab.Path);
        using var report = new TempFolder();
        var run = NabGanRun.Run(NabCorpus.Load(nab.Path), TinyRunOptions.Nab(), cancellationToken: TestContext.Current.CancellationToken);

        var summaryPath = ReportWriter.WriteNab(report.Path, run, Info, PrintedTables);

        Assert.Equal(Path.Combine(report.Path, "summary.md"), summaryPath);
        var lines = File.ReadAllLines(summaryPath);
        Assert.Contains("- Command: `ganwatch evaluate nab --data tiny --report out`", lines);
        Assert.Contains("- Started: 2026-12-04 10:30:00 UTC", lines);
        Assert.Contains("- Wall time: 12 s", lines);
        Assert.Contains(lines, line => line.StartsWith("- Machine: ", StringComparison.Ordinal) && line.Contains("logical processors", StringComparison.Ordinal));
        Assert.Contains("standard | 42.0", lines);

        var spike = Assert.Single(lines, line => line.StartsWith("| " + TinyNabFolder.RelativePath + " |", StringComparison.Ordinal));
        var spikeCells = Cells(spike);
        Assert.Equal(TinyNabFolder.Rows.ToString(System.Globalization.CultureInfo.InvariantCulture), spikeCells[1]);
        Assert.Equal("1", spikeCells[2]);
        Assert.Equal("[plot](plots/artificialWithAnomaly/tiny_spike.png)", spikeCells[^1]);

        var flat = Assert.Single(lines, line => line.StartsWith("| " + FlatPath + " |", StringComparison.Ordinal));
        Assert.Equal("0", Cells(flat)[2]);
        Assert.Equal("n/a", Cells(flat)[6]);
        Assert.Equal("[plot](plots/artificialNoAnomaly/tiny_flat.png)", Cells(flat)[^1]);

        AssertPlot(Path.Combine(report.Path, "plots", "artificialWithAnomaly", "tiny_spike.png"));
        AssertPlot(Path.Combine(report.Path, "plots", "artificialNoAnomaly", "tiny_flat.png"));
    }

    [Fact]
    public void WriteSmd_WritesSummaryAndPlot()
    {
        using var data = new TempFolder();
        using var report = new TempFolder();
        SmdGanRunTests.WriteMachine(data, "machine-9-9");
        var machine = SmdMachine.Load(data.Path, "machine-9-9");
        var options = new SmdGanRunOptions { WindowLength = 16, LatentSize = 8, Width = 8, Steps = 40, EncoderSteps = 40, BatchSize = 32, TrainingStride = 2, Threads = 1 };
        var result = SmdGanRun.RunMachine(machine, options, cancellationToken: TestContext.Current.CancellationToken);

        var plotPath = ReportWriter.WriteSmdPlot(report.Path, machine, result);
        var summaryPath = ReportWriter.WriteSmdSummary(report.Path, [result], Info, PrintedTables);

        Assert.Equal(Path.Combine(report.Path, "plots", "machine-9-9.png"), plotPath);
        AssertPlot(plotPath);
        var row = Assert.Single(File.ReadAllLines(summaryPath), line => line.StartsWith("| machine-9-9 |", StringComparison.Ordinal));
        var cells = Cells(row);
        Assert.Equal(10, cells.Length);
        Assert.Equal(result.PointWise.F1.ToString("F3", System.Globalization.CultureInfo.InvariantCulture), cells[4]);
        Assert.Equal("[plot](plots/machine-9-9.png)", cells[^1]);
    }

    [Fact]
    public void SmdResult_RecordsScoresAndShares()
    {
        using var data = new TempFolder();
        SmdGanRunTests.WriteMachine(data, "machine-9-9");
        var machine = SmdMachine.Load(data.Path, "machine-9-9");
        var options = new SmdGanRunOptions { WindowLength = 16, LatentSize = 8, Width = 8, Steps = 40, EncoderSteps = 40, BatchSize = 32, TrainingStride = 2, Threads = 1 };

        var result = SmdGanRun.RunMachine(machine, options, cancellationToken: TestContext.Current.CancellationToken);
        var plot = SeriesPlot.ForSmd(machine, result, channelCount: 2);

        Assert.Equal(machine.Test.RowCount, result.Scores.Length);
        Assert.Equal(machine.Test.ChannelCount, result.ChannelResidualShares.Length);
        Assert.Equal(1.0, result.ChannelResidualShares.Sum(), 6);
        Assert.Equal(2, plot.Channels.Count);
        Assert.Equal(result.Threshold, plot.Threshold);
        Assert.Equal([(250, 270)], plot.LabelledSpans);
    }

    [Fact]
    public void SeriesPlot_DetectsRowsAtThreshold()
    {
        var plot = new SeriesPlot("t", [("value", [1, 2, 3, 4])], [0.1, 0.5, 0.9, 0.49], 0.5, [(1, 3)]);

        Assert.Equal([1, 2], plot.GetDetectionRows());
    }

    [Fact]
    public void SeriesPlot_RejectsSpanOutsideRows()
    {
        var error = Assert.Throws<ArgumentException>(() => new SeriesPlot("t", [("value", [1, 2])], [0.1, 0.2], 0.5, [(1, 3)]));

        Assert.Contains("1-3", error.Message, StringComparison.Ordinal);
    }

    private static void AssertPlot(string path)
    {
        Assert.True(File.Exists(path), $"Plot '{path}' was not written.");
        Assert.Equal((ReportWriter.PlotWidth, ReportWriter.PlotHeight), PngFile.ReadSize(path));

        // A plain white 1600x600 RGBA image deflates to about 5 KB, so a rendered chart with text and traces is well above 20 KB.
        long bytes = new FileInfo(path).Length;
        Assert.True(bytes > 20_000, $"Plot '{path}' has only {bytes} bytes, too few for a rendered chart.");
    }

    private static string[] Cells(string row) => row.Trim('|').Split('|').Select(cell => cell.Trim()).ToArray();

    /// <summary>Adds a flat series without windows to a one-series NAB folder and rewrites its labels files for both.</summary>
    private static void AddSeriesWithoutWindows(string folder)
    {
        var spikeLines = File.ReadAllLines(Path.Combine(folder, "data", TinyNabFolder.RelativePath));
        var flatLines = spikeLines.Take(1).Concat(spikeLines.Skip(1).Select(line => line[..line.IndexOf(',', StringComparison.Ordinal)] + ",5"));
        var flatPath = Path.Combine(folder, "data", FlatPath);
        Directory.CreateDirectory(Path.GetDirectoryName(flatPath)!);
        File.WriteAllLines(flatPath, flatLines);
        foreach (var name in new[] { "combined_windows.json", "combined_labels.json" })
        {
            var path = Path.Combine(folder, "labels", name);
            var json = File.ReadAllText(path).TrimEnd().TrimEnd('}');
            File.WriteAllText(path, json + $", \"{FlatPath}\": []}}");
        }
    }
}
