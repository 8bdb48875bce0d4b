using System.CommandLine;
using System.Globalization;
using GanWatch.Cli;
using GanWatch.Engine;
using GanWatch.Engine.Data;
using GanWatch.Engine.Devices;
using GanWatch.Engine.Persistence;
using GanWatch.Engine.Scoring;
using GanWatch.Engine.Thresholds;
using GanWatch.Evaluation.Data;

namespace GanWatch.Commands;

/// <summary><c>ganwatch score</c>: scores every row of a CSV series with a saved model and writes scores and flags as CSV.</summary>
internal static class ScoreCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Model directory written by 'ganwatch train'.", Required = true };
        var input = new Option<string>("--input") { Description = "CSV file with the same channel layout as the model's training data.", Required = true };
        var output = new Option<string?>("--out") { Description = "CSV file to write; standard output when omitted." };
        var batchSize = new Option<int>("--batch-size") { Description = "Windows scored per batch.", DefaultValueFactory = _ => 512 };
        var device = new Option<string>("--device") { Description = "Device: cpu, cuda, cuda:N or auto.", DefaultValueFactory = _ => "cpu" };

        var command = new Command("score", "Score a CSV series with a saved model; one output row per input row.");
        command.Options.Add(model);
        command.Options.Add(input);
        command.Options.Add(output);
        command.Options.Add(batchSize);
        command.Options.Add(device);
        command.SetAction(result => Run(
            result.GetRequiredValue(model),
            result.GetRequiredValue(input),
            result.GetValue(output),
            result.GetValue(batchSize),
            result.GetValue(device) ?? "cpu"));
        return command;
    }

    private static int Run(string modelPath, string inputPath, string? outputPath, int batchSize, string deviceName)
    {
        try
        {
            if (batchSize < 1)
            {
                throw new ArgumentException($"Invalid --batch-size {batchSize}. Use 1 or more.");
            }

            using GanModel model = GanModel.Load(modelPath, DeviceSelector.Resolve(deviceName));
            int length = model.Shape.WindowLength;
            TimeSeries series = CsvSeriesReader.Read(inputPath, new CsvReadOptions { MinimumRows = length });
            if (series.ChannelCount != model.Shape.Channels)
            {
                throw new DataFormatException(
                    $"'{inputPath}' has {series.ChannelCount} channels but model {model.ModelVersion} expects {model.Shape.Channels}. " +
                    "Score with a model trained on the same columns.");
            }

            WindowScore[] scores = ScoreAll(model, series, batchSize);
            using TextWriter writer = outputPath is null ? Console.Out : new StreamWriter(outputPath);
            Write(writer, series, scores, length, model.CreateThreshold());
            return ExitCodes.Success;
        }
        catch (Exception ex) when (ex is DataFormatException or ArgumentException or ModelFileException or IOException)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.InvalidInput;
        }
    }

    private static WindowScore[] ScoreAll(GanModel model, TimeSeries series, int batchSize)
    {
        WindowBatch windows = WindowBatch.FromSeries(SeriesWindows.Flatten(series), series.ChannelCount, model.Shape.WindowLength);
        var scores = new List<WindowScore>(windows.Count);
        for (int start = 0; start < windows.Count; start += batchSize)
        {
            scores.AddRange(model.Score(windows.Slice(start, Math.Min(batchSize, windows.Count - start))));
        }

        return scores.ToArray();
    }

    // The window ending at row r (0-based) is window r - (length - 1); earlier rows are warm-up and get no score.
    private static void Write(TextWriter writer, TimeSeries series, WindowScore[] scores, int length, IThreshold threshold)
    {
        string residualColumns = string.Join(",", series.ChannelNames.Select(name => "residual_" + name));
        writer.WriteLine($"row,timestamp,score,threshold,anomaly,{residualColumns}");
        for (int row = 0; row < series.RowCount; row++)
        {
            string timestamp = series.Timestamps is null ? "" : series.Timestamps[row].ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            int window = row - (length - 1);
            if (window < 0)
            {
                writer.WriteLine($"{row},{timestamp},,,0{new string(',', series.ChannelCount)}");
                continue;
            }

            WindowScore score = scores[window];
            double limit = threshold.Value;
            bool anomaly = threshold.IsAnomaly(score.Score);
            threshold.Observe(score.Score);
            string residuals = string.Join(",", score.ChannelResiduals.Select(r => r.ToString("G6", CultureInfo.InvariantCulture)));
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{row},{timestamp},{score.Score:G6},{limit:G6},{(anomaly ? 1 : 0)},{residuals}"));
        }
    }
}
