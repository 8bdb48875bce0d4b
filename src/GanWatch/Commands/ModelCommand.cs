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
    /// <summary>Console width for piped output, wide enough that each version stays on one line.</summary>
    private const int RedirectedWidth = 250;

    /// <summary>Hex digits of the checksum shown; 16 (64 bits) tell versions apart at a glance.</summary>
    private const int ChecksumDigits = 16;

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

        if (Console.IsOutputRedirected)
        {
            console.Profile.Width = RedirectedWidth;
        }

        var table = new Table().Title(Markup.Escape($"Model versions in {Path.GetFullPath(directory)}"));
        table.AddColumn("current");
        table.AddColumn(new TableColumn("version").NoWrap());
        table.AddColumn(new TableColumn("parent").NoWrap());
        table.AddColumn("created (UTC)");
        table.AddColumn("training data (UTC)");
        table.AddColumn("validation (live -> candidate)");
        table.AddColumn(new TableColumn("checksum").NoWrap());
        foreach (ModelVersionInfo version in versions)
        {
            table.AddRow(
                version.IsCurrent ? "*" : "",
                Markup.Escape(version.Version),
                Markup.Escape(version.ParentVersion ?? "-"),
                Time(version.CreatedAt),
                DataSpan(version),
                Markup.Escape(Describe(version.Validation)),
                Markup.Escape(version.Problem is null ? version.Checksum[..Math.Min(ChecksumDigits, version.Checksum.Length)] : "unreadable: " + version.Problem));
        }

        console.Write(table);
        Console.WriteLine($"Checksum: the first {ChecksumDigits} hex digits of the SHA-256 of each version's model.json, which lists the SHA-256 of every weights file.");
        return ExitCodes.Success;
    }

    private static int Rollback(string directory, string version)
    {
        try
        {
            ModelRepository repository = OpenExisting(directory);
            string? previous = repository.CurrentVersion;
            if (previous == version)
            {
                Console.WriteLine($"Version {version} is already the current version of '{Path.GetFullPath(directory)}'; nothing changed.");
                return ExitCodes.Success;
            }

            repository.SetCurrent(version);
            Console.WriteLine($"The current version of '{Path.GetFullPath(directory)}' is now {version} (it was {previous ?? "not set"}).");
            Console.WriteLine("A running daemon loads it at its next reload: run 'systemctl reload ganwatch' or send SIGHUP to its process.");
            Console.WriteLine("A newer fine-tuned or published version replaces it again; to keep it, pin it with Models:DefaultModelVersion or Models:Routes:N:Version.");
            return ExitCodes.Success;
        }
        catch (Exception error) when (error is ModelFileException or IOException or UnauthorizedAccessException)
        {
            // The repository's messages already name the next step (the version list, a restore or a retrain).
            Console.Error.WriteLine($"error: making version '{version}' current in '{directory}' failed: {error.Message}");
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

    private static string DataSpan(ModelVersionInfo version) =>
        version.DataFrom is null && version.DataTo is null ? "-" : $"{Minute(version.DataFrom)} to {Minute(version.DataTo)}";

    private static string Minute(DateTimeOffset? time) =>
        time?.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "?";

    private static string Describe(ValidationReport? validation) =>
        validation is null
            ? "-"
            : string.Create(CultureInfo.InvariantCulture,
                $"AUC {validation.LiveAuc:F3} -> {validation.CandidateAuc:F3}, score rise {validation.ScoreRise:P1}");
}
