using System.CommandLine;
using GanWatch.Cli;
using GanWatch.Commands;

namespace GanWatch;

internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        var root = new RootCommand("GanWatch: anomaly detection on streams with a GAN (generator, critic and encoder).");
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(ScoreCommand.Create());
        root.Subcommands.Add(EvaluateCommand.Create());
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(ModelCommand.Create());
        // ProcessTerminationTimeout = null leaves SIGTERM and SIGINT to each command: the daemon's host then finishes
        // its graceful stop (in-flight batch, flush, commit) within its own shutdown timeout, instead of the parser
        // returning after 2 s while scoring threads still run.
        ParseResult parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // System.CommandLine exits 1 on a parse error; GanWatch keeps 1 for run-time failures and 2 for bad input.
            foreach (System.CommandLine.Parsing.ParseError error in parsed.Errors)
            {
                Console.Error.WriteLine($"error: {error.Message}");
            }

            Console.Error.WriteLine("Run 'ganwatch --help' or 'ganwatch <command> --help' for the commands and their options.");
            return ExitCodes.InvalidInput;
        }

        return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
    }
}
