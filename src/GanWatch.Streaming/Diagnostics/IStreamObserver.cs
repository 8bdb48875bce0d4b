namespace GanWatch.Streaming.Diagnostics;

/// <summary>
/// Receives per-event measurements from a <see cref="Processing.StreamProcessor"/>, for example to fill metric
/// histograms. Totals that only count up are in <see cref="StreamCounters"/> instead.
/// </summary>
/// <remarks>
/// Implementations must be thread-safe, return quickly and not throw: the processor calls them on its scoring thread and
/// on the producer's delivery thread, and treats an exception from them as a fatal error.
/// </remarks>
public interface IStreamObserver
{
    /// <summary>Called on the scoring thread after each batch has been scored and its alerts queued.</summary>
    /// <param name="windows">Windows in the batch, from 1 to <see cref="Processing.StreamProcessorOptions.MaxBatchSize"/>.</param>
    /// <param name="latency">Wall-clock time from taking the batch off the queue to queuing its last alert.</param>
    void OnBatchScored(int windows, TimeSpan latency);

    /// <summary>Called on the producer's delivery thread when the broker has acknowledged an alert.</summary>
    /// <param name="endToEnd">
    /// Time from the Kafka timestamp of the input record that completed the window to the acknowledgement. It is
    /// negative when the producer's clock is ahead of this host's.
    /// </param>
    void OnAlertDelivered(TimeSpan endToEnd);
}
