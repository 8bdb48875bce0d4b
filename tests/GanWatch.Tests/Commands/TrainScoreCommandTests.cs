using System.Globalization;
using GanWatch.Tests.Support;

namespace GanWatch.Tests.Commands;

/// <summary><c>ganwatch train</c> and <c>ganwatch score</c> as real processes on CSV files in a temporary folder.</summary>
public sealed class TrainScoreCommandTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task TrainThenScoreFlagsSpikeRow()
    {
        CancellationToken cancellationToken = TestContext.Current.CancellationToken;
        using var directory = TempDirectory.Create("ganwatch-cli");
        string trainCsv = directory.File("train.csv");
        string scoreCsv = directory.File("score.csv");
        string output = directory.File("scores.csv");
        string modelDirectory = directory.File("model");
        WriteSeries(trainCsv, SineSignal.Noisy(800, 0.05, seed: 11));
        float[] scored = Enumerable.Range(0, 300).Select(row => SineSignal.Value(row)).ToArray();
        scored[200] += TrainedModelFixture.SpikeHeight;
        WriteSeries(scoreCsv, scored);

        using (GanWatchProcess train = GanWatchProcess.Start("train",
            ["train", "--input", trainCsv, "--out", modelDirectory, "--window", "16", "--width", "16", "--steps", "60", "--encoder-steps", "60", "--threads", "1"]))
        {
            Assert.Equal(0, await train.WaitForExitAsync(Timeout, cancellationToken));
        }

        Assert.True(File.Exists(Path.Combine(modelDirectory, "model.json")), "train wrote no model.json");
        using (GanWatchProcess score = GanWatchProcess.Start("score", ["score", "--model", modelDirectory, "--input", scoreCsv, "--out", output]))
        {
            Assert.Equal(0, await score.WaitForExitAsync(Timeout, cancellationToken));
        }

        string[] lines = File.ReadAllLines(output);
        Assert.Equal("row,timestamp,score,threshold,anomaly,residual_value", lines[0]);
        Assert.Equal(scored.Length + 1, lines.Length);
        string[][] rows = lines.Skip(1).Select(line => line.Split(',')).ToArray();
        for (int row = 0; row < rows.Length; row++)
        {
            Assert.Equal(row.ToString(CultureInfo.InvariantCulture), rows[row][0]);
            bool warmUp = row < SineSignal.WindowLength - 1;
            Assert.Equal(warmUp, rows[row][2].Length == 0);
        }

        Assert.Equal("1", rows[200][4]);
        Assert.Equal("0", rows[199][4]);
        Assert.True(double.Parse(rows[200][2], CultureInfo.InvariantCulture) > double.Parse(rows[200][3], CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task TrainMissingFileExitsTwo()
    {
        using var directory = TempDirectory.Create("ganwatch-cli");
        string missing = directory.File("absent.csv");

        (int exitCode, string error) = await TrainAsync(missing, directory.File("model"));

        Assert.Equal(2, exitCode);
        Assert.Contains(missing, error, StringComparison.Ordinal);
        Assert.Contains("not found", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrainNonNumericCellNamesFileAndLine()
    {
        using var directory = TempDirectory.Create("ganwatch-cli");
        string path = directory.File("bad.csv");
        var lines = new List<string> { "value" };
        lines.AddRange(Enumerable.Range(0, 100).Select(row => SineSignal.Value(row).ToString("R", CultureInfo.InvariantCulture)));
        lines[42] = "n/a";
        File.WriteAllLines(path, lines);

        (int exitCode, string error) = await TrainAsync(path, directory.File("model"));

        Assert.Equal(2, exitCode);
        Assert.Contains($"{path}, line 43", error, StringComparison.Ordinal);
        Assert.Contains("'n/a'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrainTooFewRowsExitsTwo()
    {
        using var directory = TempDirectory.Create("ganwatch-cli");
        string path = directory.File("short.csv");
        WriteSeries(path, Enumerable.Range(0, 10).Select(row => SineSignal.Value(row)).ToArray());

        (int exitCode, string error) = await TrainAsync(path, directory.File("model"));

        Assert.Equal(2, exitCode);
        Assert.Contains("short", error, StringComparison.Ordinal);
        Assert.Contains("10 rows", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrainRejectsNonModelFolder()
    {
        using var directory = TempDirectory.Create("ganwatch-cli");
        string input = directory.File("series.csv");
        File.WriteAllLines(input, Enumerable.Range(0, 100).Select(row => SineSignal.Value(row).ToString("R", CultureInfo.InvariantCulture)));
        string notes = directory.File(Path.Combine("results", "notes.txt"));
        Directory.CreateDirectory(Path.GetDirectoryName(notes)!);
        File.WriteAllText(notes, "keep me");

        using GanWatchProcess train = GanWatchProcess.Start("train", ["train", "--input", input, "--out", Path.GetDirectoryName(notes)!, "--window", "16", "--steps", "5", "--encoder-steps", "5"]);
        int exitCode = await train.WaitForExitAsync(Timeout, TestContext.Current.CancellationToken);

        Assert.Equal(2, exitCode);
        Assert.Contains("not a model", train.StandardError, StringComparison.Ordinal);
        Assert.Equal("keep me", File.ReadAllText(notes));
    }

    private static async Task<(int ExitCode, string Error)> TrainAsync(string input, string modelDirectory)
    {
        using GanWatchProcess train = GanWatchProcess.Start("train", ["train", "--input", input, "--out", modelDirectory, "--window", "16", "--steps", "5", "--encoder-steps", "5"]);
        int exitCode = await train.WaitForExitAsync(Timeout, TestContext.Current.CancellationToken);
        Assert.False(Directory.Exists(modelDirectory), "train must not write a model for bad input");
        return (exitCode, train.StandardError);
    }

    private static void WriteSeries(string path, float[] values)
    {
        var lines = new List<string>(values.Length + 1) { "timestamp,value" };
        for (int row = 0; row < values.Length; row++)
        {
            string timestamp = TestStream.Start.AddMinutes(row).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{timestamp},{values[row]:R}"));
        }

        File.WriteAllLines(path, lines);
    }
}
