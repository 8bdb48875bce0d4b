using GanWatch.Streaming.Processing;
using Microsoft.Extensions.Logging;

namespace GanWatch.Models;

/// <summary>Disposes models that a catalog swap retired, once the stream processor no longer uses them.</summary>
internal static partial class ModelRetirement
{
    /// <summary>
    /// Starts a background wait for <see cref="StreamProcessor.WhenQueuedWindowsScoredAsync"/>, then disposes
    /// <paramref name="retired"/> through <paramref name="router"/>. Returns at once; the returned task never faults.
    /// When <paramref name="stopping"/> is cancelled first, the models stay for the router to dispose with the host.
    /// </summary>
    public static Task DisposeWhenUnusedAsync(StreamProcessor processor, SwappableModelRouter router, IReadOnlyList<EngineWindowModel> retired,
        ILogger logger, CancellationToken stopping)
    {
        return retired.Count == 0 ? Task.CompletedTask : WaitAndDisposeAsync(processor, router, retired, logger, stopping);
    }

    private static async Task WaitAndDisposeAsync(StreamProcessor processor, SwappableModelRouter router, IReadOnlyList<EngineWindowModel> retired,
        ILogger logger, CancellationToken stopping)
    {
        try
        {
            await processor.WhenQueuedWindowsScoredAsync(stopping).ConfigureAwait(false);
            router.DisposeRetired(retired);
        }
        catch (OperationCanceledException)
        {
            // The processor or the host stopped first; the router disposes its retired models when the host is disposed.
            LogRetiredModelsKept(logger);
        }
        catch (ObjectDisposedException)
        {
            // The host disposed the router, and with it every retired model, while this waited.
        }
    }

    [LoggerMessage(EventId = 306, Level = LogLevel.Warning, Message = "Retired models were not unloaded because the daemon stopped first; they are released when it exits")]
    private static partial void LogRetiredModelsKept(ILogger logger);
}
