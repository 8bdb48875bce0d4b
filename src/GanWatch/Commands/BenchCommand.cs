using System.CommandLine;
using GanWatch.Bench;
using GanWatch.Cli;
using Spectre.Console;

namespace GanWatch.Commands;

/// <summary><c>ganwatch bench</c>: throughput, latency and resource use of the whole daemon against an embedded Kafka cluster.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var defaults = new BenchSettings();
        var records = new Option<int>("--records") { Description = "Records pre-produced for the full-speed mode.", DefaultValueFactory = _ => defaults.Records };
        var series = new Option<int>("--series") { Description = "Synthetic series; the input topic gets one partition per series, at most 32.", DefaultValueFactory = _ => defaults.SeriesCount };
        var rate = new Option<int>("--rate") { Description = "Offered rate of the fixed-rate mode, in records per second.", DefaultValueFactory = _ => defaults.Rate };
        var duration = new Option<double>("--duration") { Description = "Seconds the fixed-rate mode produces records.", DefaultValueFactory = _ => defaults.RateDuration.TotalSeconds };
        var runs = new Option<int>("--runs") { Description = "Repetitions of both modes; with more than one the tables add min, median and max.", DefaultValueFactory = _ => defaults.Runs };
        var model = new Option<string?>("--model") { Description = "Existing model directory with window length 32; trains a small one when omitted." };
        var steps = new Option<int>("--train-steps") { Description = "Generator and encoder steps of the model the bench trains.", DefaultValueFactory = _ => defaults.TrainingSteps };

        var daemonProcess = new Option<bool>("--daemon-process")
        {
            Description = "Run the daemon as a child 'ganwatch run' process and measure its CPU and memory alone, without the embedded cluster's.",
        };

        var command = new Command("bench", "Measure the daemon's throughput, alert latency, CPU and memory against an embedded Kafka cluster.");
        foreach (Option option in new Option[] { records, series, rate, duration, runs, model, steps, daemonProcess })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (result, cancellationToken) =>
        {
            var settings = new BenchSettings
            {
                Records = result.GetValue(records),
                SeriesCount = result.GetValue(series),
                Rate = result.GetValue(rate),
                RateDuration = TimeSpan.FromSeconds(result.GetValue(duration)),
                Runs = result.GetValue(runs),
                ModelDirectory = result.GetValue(model),
                TrainingSteps = result.GetValue(steps),
                DaemonProcess = result.GetValue(daemonProcess),
            };

            IReadOnlyList<string> problems = settings.Validate();
            if (problems.Count > 0)
            {
                foreach (string problem in problems)
                {
                    Console.Error.WriteLine($"error: {problem}");
                }

                return ExitCodes.InvalidInput;
            }

            try
            {
                BenchReport report = await new BenchRunner(settings, Console.Error).RunAsync(cancellationToken).ConfigureAwait(false);
                BenchTable.Print(AnsiConsole.Console, report);
                return ExitCodes.Success;
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException or TimeoutException or InvalidOperationException)
            {
                Console.Error.WriteLine($"error: {ex.Message}");
                return ExitCodes.Failure;
            }
        });
        return command;
    }
}
