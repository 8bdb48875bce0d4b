using GanWatch.Streaming.Processing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GanWatch.Hosting;

/// <summary>
/// Runs the <see cref="StreamProcessor"/> for the lifetime of the host. A fatal error stops the host with exit code 1,
/// so a supervisor such as systemd restarts the service instead of leaving a process that only pretends to run.
/// </summary>
internal sealed partial class StreamWorker(StreamProcessor processor, IHostApplicationLifetime lifetime, ILogger<StreamWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The processor blocks on its own threads; yield first so host start-up is not held by this method.
        await Task.Yield();
        try
        {
            await processor.RunAsync(stoppingToken).ConfigureAwait(false);
            LogStopped(logger);
        }
        catch (Exception ex)
        {
            LogFatal(logger, ex);
            Environment.ExitCode = 1;
            lifetime.StopApplication();
            throw;
        }
    }

    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Stream worker finished")]
    private static partial void LogStopped(ILogger logger);

    [LoggerMessage(EventId = 201, Level = LogLevel.Critical, Message = "Stream processor failed; stopping the host with exit code 1")]
    private static partial void LogFatal(ILogger logger, Exception exception);
}
