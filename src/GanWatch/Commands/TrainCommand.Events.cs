using System.CommandLine;
using GanWatch.Cli;
using GanWatch.Engine;
using GanWatch.Engine.Devices;
using GanWatch.Engine.Features;
using GanWatch.Engine.Persistence;
using GanWatch.Evaluation.Data;
using GanWatch.Models;

namespace GanWatch.Commands;

/// <summary><c>ganwatch train --events</c>: trains an event model.</summary>
internal static partial class TrainCommand
{
    private static int RunEvents(string events, string? schemaPath, string? input, string output, double calibrationFraction, ParseResult result, TrainingCliOptions cli, CancellationToken cancellationToken)
    {
        try
        {
            if (input is not null)
            {
                throw new ArgumentException("Pass either --input (series) or --events (events), not both.");
            }

            if (schemaPath is null)
            {
                throw new ArgumentException("--events needs --schema, a JSON file that lists the event fields.");
            }

            if (calibrationFraction is < 0 or >= 1)
            {
                throw new ArgumentException($"Invalid --calibration-fraction {calibrationFraction}. Use a value in [0, 1).");
            }

            FeatureSchema schema = EventFileReader.ReadSchema(schemaPath);
            List<FeatureRow> rows = EventFileReader.ReadEvents(events, schema);
            int calibrationRows = (int)(rows.Count * calibrationFraction);
            if (rows.Count - calibrationRows < 2)
            {
                calibrationRows = 0;
            }

            List<FeatureRow> training = rows[..(rows.Count - calibrationRows)];
            Console.Error.WriteLine($"Training an event model on {training.Count} events; {calibrationRows} events held out for the threshold.");

            using GanModel model = GanModel.TrainEvents(
                training,
                schema,
                cli.GetShape(result, channels: 1),
                cli.GetTraining(result),
                DeviceSelector.Resolve(result.GetValue(cli.Device) ?? "cpu"),
                new TrainingProgressPrinter(Console.Error),
                cli.GetScoring(result),
                cli.GetThreshold(result),
                cancellationToken: cancellationToken);

            if (calibrationRows > 0)
            {
                model.CalibrateEvents(rows[^calibrationRows..], model.ThresholdOptions);
            }

            model.DataSummary.Rows = rows.Count;
            model.DataSummary.SourceName = Path.GetFullPath(events);
            ModelFileRetry.Execute(output, () => model.Save(output), Console.Error.WriteLine);
            Console.Error.WriteLine($"Saved event model {model.ModelVersion} ({model.Features!.Width} encoded columns) to {Path.GetFullPath(output)}.");
            return ExitCodes.Success;
        }
        catch (Exception ex) when (ex is DataFormatException or ArgumentException or ModelFileException)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.InvalidInput;
        }
    }
}
