using System.CommandLine;
using System.Globalization;
using GanWatch.Cli;
using GanWatch.Engine.FineTuning;
using GanWatch.Engine.Persistence;
using Spectre.Console;

namespace GanWatch.Commands;

/// <summary><c>ganwatch model list|rollback</c>: inspects a model repository and chooses its current version.</summary>
internal static class ModelCommand
{
    /// <summary>Shortest console width for the table, so that piped output keeps each version on one line.</summary>
    private const int MinimumTableWidth = 160;

    public static Command Create()
    {
        var command = new Command("model", "Inspect the versions of a model directory and choose the one the daemon loads.");
        command.Subcommands.Add(CreateList());
        command.Subcommands.Add(CreateRollback());
        return command;
    }

    private static Command CreateList()
    {
        var directory = new Argument<string>("directory") { Description = "Model directory (a repository of versions, or a directory written by 'ganwatch train')." };
        var command = new Command("list", "List the versions of a model directory, newest first; '*' marks the current one.");
        command.Arguments.Add(directory);
        command.SetAction(result => List(result.GetRequiredValue(directory), AnsiConsole.Console));
        return command;
    }

    private static Command CreateRollback()
    {
        var directory = new Argument<string>("directory") { Description = "Model directory." };
        var version = new Argument<string>("version") { Description = "Version to make current, as 'ganwatch model list' shows it." };
        var command = new Command("rollback", "Make an earlier version current. The daemon loads it at its next reload (systemctl reload ganwatch) or start.");
        command.Arguments.Add(directory);
        command.Arguments.Add(version);
        command.SetAction(result => Rollback(result.GetRequiredValue(directory), result.GetRequiredValue(version)));
        return command;
    }

    private static int List(string directory, IAnsiConsole console)
    {
        IReadOnlyList<ModelVersionInfo> versions;
        try
        {
            versions = OpenExisting(directory).List();
        }
        catch (Exception error) when (error is ModelFileException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"error: listing the versions in '{directory}' failed: {error.Message}");
            return ExitCodes.InvalidInput;
        }

        if (versions.Count == 0)
        {
            Console.Error.WriteLine($"error: '{directory}' contains no model versions. Train one with 'ganwatch train --out {directory}'.");
            return ExitCodes.InvalidInput;
        }

        if (Console.IsOutputRedirected && console.Profile.Width < MinimumTableWidth)
        {
            console.Profile.Width = MinimumTableWidth;
        }

        var table = new Table().Title(Markup.Escape($"Model versions in {Path.GetFullPath(directory)}"));
        table.AddColumns("current", "version", "parent", "created (UTC)", "data from (UTC)", "data to (UTC)", "live AUC", "candidate AUC", "score rise",
            "checksum (SHA-256 of model.json)");
        foreach (ModelVersionInfo version in versions)
        {
            ValidationReport? validation = version.Validation;
            table.AddRow(
                version.IsCurrent ? "*" : "",
                Markup.Escape(version.Version),
                Markup.Escape(version.ParentVersion ?? "-"),
                Time(version.CreatedAt),
                Time(version.DataFrom),
                Time(version.DataTo),
                validation is null ? "-" : validation.LiveAuc.ToString("F4", CultureInfo.InvariantCulture),
                validation is null ? "-" : validation.CandidateAuc.ToString("F4", CultureInfo.InvariantCulture),
                validation is null ? "-" : validation.ScoreRise.ToString("P1", CultureInfo.InvariantCulture),
                version.Checksum);
        }

        console.Write(table);
        return ExitCodes.Success;
    }

    private static int Rollback(string directory, string version)
    {
        try
        {
            ModelRepository repository = OpenExisting(directory);
            string? previous = repository.CurrentVersion;
            repository.SetCurrent(version);
            Console.WriteLine($"The current version of '{Path.GetFullPath(directory)}' is now {version} (it was {previous ?? "not set"}).");
            Console.WriteLine("A running daemon loads it at its next reload: run 'systemctl reload ganwatch' or send SIGHUP to its process.");
            Console.WriteLine("A newer fine-tuned or published version replaces it again; to keep it, pin it with Models:DefaultModelVersion or Models:Routes:N:Version.");
            return ExitCodes.Success;
        }
        catch (Exception error) when (error is ModelFileException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"error: making version '{version}' current in '{directory}' failed: {error.Message}");
            Console.Error.WriteLine($"Run 'ganwatch model list {directory}' to see the versions it has.");
            return ExitCodes.InvalidInput;
        }
    }

    /// <summary>Opens the repository at <paramref name="directory"/>, which must exist.</summary>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    private static ModelRepository OpenExisting(string directory) =>
        Directory.Exists(directory)
            ? ModelRepository.Open(directory)
            : throw new DirectoryNotFoundException($"The model directory '{Path.GetFullPath(directory)}' does not exist.");

    private static string Time(DateTimeOffset? time) =>
        time?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "-";
}
