using System.Net;
using GanWatch.Streaming.Processing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Prometheus;

namespace GanWatch.Metrics;

/// <summary>
/// Serves <see cref="GanWatchMetrics"/> at <c>http://{Host}:{Port}/metrics</c> for the lifetime of the host, and connects
/// the metrics to the stream processor.
/// </summary>
/// <remarks>
/// Register it before the stream worker: hosted services start in registration order, and the processor takes its
/// observer only before it starts.
/// </remarks>
internal sealed partial class MetricsService(
    IOptions<MetricsOptions> options,
    GanWatchMetrics metrics,
    StreamProcessor processor,
    ILogger<MetricsService> logger) : IHostedService
{
    private MetricServer? _server;

    /// <summary>Starts the endpoint when <see cref="MetricsOptions.Enabled"/> is set.</summary>
    /// <exception cref="InvalidOperationException">The endpoint could not listen, for example because the port is in use.</exception>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        MetricsOptions settings = options.Value;
        if (!settings.Enabled)
        {
            LogDisabled(logger);
            return Task.CompletedTask;
        }

        processor.Observer = metrics;
        string url = $"http://{settings.Host}:{settings.Port}/metrics";
        var server = new MetricServer(settings.Host, settings.Port, "metrics/", metrics.Registry);
        try
        {
            server.Start();
        }
        catch (HttpListenerException error)
        {
            server.Dispose();
            throw new InvalidOperationException(
                $"The metrics endpoint {url} could not listen: {error.Message}. Free the port, set {MetricsOptions.SectionName}:Port " +
                $"to another port, or set {MetricsOptions.SectionName}:Enabled to false.", error);
        }

        _server = server;
        LogListening(logger, url);
        return Task.CompletedTask;
    }

    /// <summary>Stops the endpoint.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is null)
        {
            return;
        }

        await _server.StopAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        _server.Dispose();
        _server = null;
        LogStopped(logger);
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Serving Prometheus metrics at {Url}")]
    private static partial void LogListening(ILogger logger, string url);

    [LoggerMessage(EventId = 301, Level = LogLevel.Information, Message = "Metrics endpoint disabled by Metrics:Enabled=false")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(EventId = 302, Level = LogLevel.Information, Message = "Metrics endpoint stopped")]
    private static partial void LogStopped(ILogger logger);
}
