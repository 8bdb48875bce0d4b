using System.CommandLine;
using GanWatch.Cli;
using GanWatch.Engine;
using GanWatch.Engine.Data;
using GanWatch.Engine.Devices;
using GanWatch.Engine.Models;
using GanWatch.Models;
using GanWatch.Engine.Persistence;
using GanWatch.Engine.Training;
using GanWatch.Evaluation.Data;

namespace GanWatch.Commands;

/// <summary><c>ganwatch train</c>: trains G, D and E on CSV series, or on events with a schema, and saves the model directory.</summary>
internal static partial class TrainCommand
{
    public static Command Create()
    {
        var input = new Option<string?>("--input") { Description = "A CSV file (timestamp,value or numeric columns, header optional) or a folder of them, to train a series model." };
        var events = new Option<string?>("--events") { Description = "A file of events, JSON lines or CSV with a header (.csv), to train an event model; needs --schema." };
        var schema = new Option<string?>("--schema") { Description = "JSON event schema (the object of Stream:EventSchema) for --events." };
        var output = new Option<string>("--out") { Description = "Model directory to write: a new or empty directory, or an earlier model of `ganwatch train`, which is replaced atomically.", Required = true };
        var calibration = new Option<double>("--calibration-fraction")
        {
            Description = "Share of each series' last windows (or of the last events) held out from training and used to calibrate the threshold.",
            DefaultValueFactory = _ => 0.2,
        };
        var training = new TrainingCliOptions();

        var command = new Command("train", "Train a model on normal data and save it.");
        command.Options.Add(input);
        command.Options.Add(events);
        command.Options.Add(schema);
        command.Options.Add(output);
        command.Options.Add(calibration);
        foreach (Option option in training.All)
        {
            command.Options.Add(option);
        }

        command.SetAction((result, cancellationToken) => Task.FromResult(
            ModelOutputPath.Problem(result.GetRequiredValue(output)) is { } outputProblem
                ? RejectOutput(outputProblem)
                : result.GetValue(events) is { } eventsPath
                ? RunEvents(eventsPath, result.GetValue(schema), result.GetValue(input), result.GetRequiredValue(output), result.GetValue(calibration), result, training, cancellationToken)
                : Run(
            result.GetValue(input),
            result.GetRequiredValue(output),
            result.GetValue(calibration),
            result,
            training,
            cancellationToken)));
        return command;
    }

    private static int RejectOutput(string problem)
    {
        Console.Error.WriteLine($"error: {problem}");
        return ExitCodes.InvalidInput;
    }

    private static int Run(string? input, string output, double calibrationFraction, ParseResult result, TrainingCliOptions cli, CancellationToken cancellationToken)
    {
        try
        {
            if (calibrationFraction is < 0 or >= 1)
            {
                throw new ArgumentException($"Invalid --calibration-fraction {calibrationFraction}. Use a value in [0, 1).");
            }

            if (input is null)
            {
                throw new ArgumentException("Pass --input with series CSV, or --events with --schema to train an event model.");
            }

            IReadOnlyList<TimeSeries> series = CsvSeriesReader.ReadPath(input);
            int channels = series[0].ChannelCount;
            TimeSeries? mismatch = series.FirstOrDefault(s => s.ChannelCount != channels);
            if (mismatch is not null)
            {
                throw new DataFormatException(
                    $"Series '{mismatch.Name}' has {mismatch.ChannelCount} channels but '{series[0].Name}' has {channels}. " +
                    "Train one model per channel layout.");
            }

            GanOptions shape = cli.GetShape(result, channels);
            var (trainWindows, calibrationWindows) = Split(series, input, shape.WindowLength, calibrationFraction);
            Console.Error.WriteLine(
                $"Training on {trainWindows.Count} windows of {shape.WindowLength} points x {channels} channels from {series.Count} series; " +
                $"{calibrationWindows.Count} windows held out for the threshold.");

            using GanModel model = GanModel.Train(
                trainWindows,
                shape,
                cli.GetTraining(result),
                DeviceSelector.Resolve(result.GetValue(cli.Device) ?? "cpu"),
                new TrainingProgressPrinter(Console.Error),
                cli.GetScoring(result),
                cli.GetThreshold(result),
                cancellationToken: cancellationToken);

            if (calibrationWindows.Count > 0)
            {
                model.Calibrate(calibrationWindows, model.ThresholdOptions);
            }

            model.DataSummary = Summarise(series, input, trainWindows.Count);
            ModelFileRetry.Execute(output, () => model.Save(output), Console.Error.WriteLine);
            Console.Error.WriteLine($"Saved model {model.ModelVersion} to {Path.GetFullPath(output)}.");
            return ExitCodes.Success;
        }
        catch (Exception ex) when (ex is DataFormatException or ArgumentException or ModelFileException)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.InvalidInput;
        }
    }

    private static (WindowBatch Train, WindowBatch Calibration) Split(IReadOnlyList<TimeSeries> series, string input, int length, double calibrationFraction)
    {
        var train = new List<WindowBatch>();
        var calibration = new List<WindowBatch>();
        int channels = series[0].ChannelCount;
        foreach (TimeSeries s in series)
        {
            if (s.RowCount < length + 1)
            {
                throw new DataFormatException(
                    $"Series '{s.Name}' in '{input}' has {s.RowCount} rows, fewer than one window of {length} points plus one. " +
                    "Use a smaller --window or more data.");
            }

            int calibrationRows = (int)(s.RowCount * calibrationFraction);
            int trainRows = s.RowCount - calibrationRows;
            if (trainRows < length + 1 || calibrationRows < length)
            {
                calibrationRows = 0;
                trainRows = s.RowCount;
            }

            train.Add(WindowBatch.FromSeries(SeriesWindows.Flatten(s, 0, trainRows), channels, length));
            if (calibrationRows > 0)
            {
                calibration.Add(WindowBatch.FromSeries(SeriesWindows.Flatten(s, trainRows, calibrationRows), channels, length));
            }
        }

        return (SeriesWindows.Concatenate(train, channels, length), SeriesWindows.Concatenate(calibration, channels, length));
    }

    private static TrainingDataSummary Summarise(IReadOnlyList<TimeSeries> series, string input, int windowCount)
    {
        DateTime[] first = series.Where(s => s.Timestamps is { Length: > 0 }).Select(s => s.Timestamps![0]).ToArray();
        DateTime[] last = series.Where(s => s.Timestamps is { Length: > 0 }).Select(s => s.Timestamps![^1]).ToArray();
        return new TrainingDataSummary
        {
            WindowCount = windowCount,
            Rows = series.Sum(s => (long)s.RowCount),
            SourceName = Path.GetFullPath(input),
            FirstTimestamp = first.Length > 0 ? new DateTimeOffset(DateTime.SpecifyKind(first.Min(), DateTimeKind.Utc)) : null,
            LastTimestamp = last.Length > 0 ? new DateTimeOffset(DateTime.SpecifyKind(last.Max(), DateTimeKind.Utc)) : null,
        };
    }
}
