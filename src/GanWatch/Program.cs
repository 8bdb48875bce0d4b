using System.CommandLine;
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
        return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
    }
}
