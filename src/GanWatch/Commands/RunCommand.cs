using System.CommandLine;
using GanWatch.Cli;
using GanWatch.Hosting;
using GanWatch.Systemd;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace GanWatch.Commands;

/// <summary><c>ganwatch run</c>: the daemon against the brokers, topics and models in configuration.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var config = new Option<string?>("--config") { Description = "Extra JSON configuration file, applied after config/ganwatch.json and /etc/ganwatch/ganwatch.json." };
        var command = new Command("run", "Run the daemon: consume records, score windows, publish alerts, until SIGINT or SIGTERM.");
        command.Options.Add(config);
        command.SetAction(async (result, cancellationToken) =>
        {
            try
            {
                using IHost host = BuildHost(result.GetValue(config));
                IReadOnlyList<string> problems = GanWatchHost.Validate(host.Services.GetRequiredService<IConfiguration>());
                if (problems.Count > 0)
                {
                    throw new OptionsValidationException("GanWatch", typeof(GanWatchHost), problems);
                }

                // Resolving the hosted services loads the models, which can take a while with many routes.
                host.Services.GetRequiredService<SystemdNotifier>().NotifyStatus("Loading models");
                await host.RunAsync(cancellationToken).ConfigureAwait(false);
                return Environment.ExitCode;
            }
            catch (OptionsValidationException ex)
            {
                Console.Error.WriteLine("error: the configuration is invalid:");
                foreach (string failure in ex.Failures)
                {
                    Console.Error.WriteLine($"  - {failure}");
                }

                return ExitCodes.InvalidInput;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Start-up failures (a model that cannot load, an unreachable device) end the process non-zero, so
                // a supervisor restarts it or an operator sees the reason.
                Console.Error.WriteLine($"error: {ex.Message}");
                return ExitCodes.Failure;
            }
        });
        return command;
    }

    /// <summary>Builds the host, reporting a configuration file that cannot be read or parsed as invalid configuration.</summary>
    /// <exception cref="OptionsValidationException">A configuration file is missing, not valid JSON, or contains a value of the wrong type.</exception>
    private static IHost BuildHost(string? configPath)
    {
        try
        {
            return GanWatchHost.Build(configPath);
        }
        catch (Exception error) when (error is InvalidDataException or FileNotFoundException or FormatException or InvalidOperationException)
        {
            string cause = error.InnerException is null ? "" : $" {error.InnerException.Message}";
            throw new OptionsValidationException("GanWatch", typeof(GanWatchHost), [$"{error.Message}{cause} Fix the file, or pass another with --config."]);
        }
    }
}
