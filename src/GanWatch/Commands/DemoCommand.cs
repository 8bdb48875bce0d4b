using System.CommandLine;
using GanWatch.Cli;
using GanWatch.Demo;
using Spectre.Console;

namespace GanWatch.Commands;

/// <summary><c>ganwatch demo</c>: the whole path on one machine with an embedded Kafka cluster and no broker installed.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var nab = new Option<string?>("--nab") { Description = "NAB folder (containing data/ and labels/) to replay instead of the synthetic series; prints the NAB score." };
        var kdd99 = new Option<string?>("--kdd99") { Description = "KDD99 folder (columns.txt and kddcup.data_10_percent.gz) whose connection records to stream as JSON events." };
        var model = new Option<string?>("--model") { Description = "Existing model directory for the synthetic series; trains one when omitted." };
        var series = new Option<int>("--series") { Description = "Synthetic series count.", DefaultValueFactory = _ => new DemoSettings().SeriesCount };
        var points = new Option<int>("--points") { Description = "Points replayed per synthetic series (at least 200).", DefaultValueFactory = _ => new DemoSettings().Points };
        var steps = new Option<int>("--train-steps") { Description = "Generator steps for each model the demo trains.", DefaultValueFactory = _ => new DemoSettings().TrainingSteps };
        var window = new Option<int>("--window") { Description = "Window length in points of models the demo trains.", DefaultValueFactory = _ => new DemoSettings().WindowLength };
        var width = new Option<int>("--width") { Description = "Base channel width of models the demo trains.", DefaultValueFactory = _ => new DemoSettings().Width };
        var work = new Option<string?>("--work-dir") { Description = "Folder for trained models; reused models in it are not trained again. A temporary folder when omitted." };

        var command = new Command("demo", "Run the daemon end to end against an embedded Kafka cluster and print the alerts it publishes.");
        foreach (Option option in new Option[] { nab, kdd99, model, series, points, steps, window, width, work })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (result, cancellationToken) =>
        {
            var settings = new DemoSettings
            {
                NabFolder = result.GetValue(nab),
                ModelDirectory = result.GetValue(model),
                SeriesCount = result.GetValue(series),
                Points = result.GetValue(points),
                TrainingSteps = result.GetValue(steps),
                EncoderSteps = result.GetValue(steps),
                WindowLength = result.GetValue(window),
                Width = result.GetValue(width),
                WorkDirectory = result.GetValue(work),
            };

            try
            {
                if (result.GetValue(kdd99) is { } kddFolder)
                {
                    Kdd99DemoResult events = await new Kdd99DemoRunner(settings, Console.Error).RunAsync(kddFolder, cancellationToken).ConfigureAwait(false);
                    Kdd99DemoReport.Print(AnsiConsole.Console, events, settings.AlertsShown);
                    return ExitCodes.Success;
                }

                DemoResult outcome = await new DemoRunner(settings, Console.Error).RunAsync(cancellationToken).ConfigureAwait(false);
                DemoReport.Print(AnsiConsole.Console, outcome, settings.AlertsShown);
                return ExitCodes.Success;
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidDataException or IOException or GanWatch.Evaluation.Data.DataFormatException)
            {
                Console.Error.WriteLine($"error: {ex.Message}");
                return ExitCodes.InvalidInput;
            }
        });
        return command;
    }
}
