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
        // evaluate: added with the NAB and SMD runners.
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(DemoCommand.Create());
        return await root.Parse(args).InvokeAsync();
    }
}
