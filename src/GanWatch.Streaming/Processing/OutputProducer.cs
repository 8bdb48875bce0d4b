using Confluent.Kafka;
using GanWatch.Streaming.Diagnostics;
using Microsoft.Extensions.Logging;

namespace GanWatch.Streaming.Processing;

/// <summary>
/// Idempotent producer for alerts and dead letters. A successful delivery completes the input record's offset; a
/// failed one faults the processor. Thread-safe: called from both the consumer and the scoring thread.
/// </summary>
internal sealed class OutputProducer : IDisposable
{
    private static readonly TimeSpan QueueFullPollInterval = TimeSpan.FromMilliseconds(50);

    private readonly IProducer<byte[]?, byte[]?> _producer;
    private readonly CompletionQueue _completions;
    private readonly ILogger _logger;

    public OutputProducer(ProducerConfig config, CompletionQueue completions, ILogger logger)
    {
        _completions = completions;
        _logger = logger;
        _producer = new ProducerBuilder<byte[]?, byte[]?>(config)
            .SetErrorHandler((_, error) => KafkaErrors.Report(error, "producer", _logger, _completions))
            .SetLogHandler((_, message) => LibrdkafkaLog.Write(_logger, message))
            .Build();
    }

    /// <summary>
    /// Queues <paramref name="message"/> for <paramref name="topic"/>; <paramref name="source"/> completes on delivery.
    /// Blocks while librdkafka's local queue is full, until <paramref name="cancellationToken"/> is cancelled.
    /// <paramref name="onDelivered"/>, when given, runs on the delivery thread after a successful delivery; an exception
    /// from it faults the processor.
    /// </summary>
    /// <exception cref="OperationCanceledException">The queue stayed full until cancellation.</exception>
    public void Send(string topic, Message<byte[]?, byte[]?> message, TopicPartitionOffset source, CancellationToken cancellationToken,
        Action? onDelivered = null)
    {
        while (true)
        {
            try
            {
                _producer.Produce(topic, message, report => OnDelivered(report, source, onDelivered));
                return;
            }
            catch (ProduceException<byte[]?, byte[]?> error) when (error.Error.Code == ErrorCode.Local_QueueFull)
            {
                cancellationToken.ThrowIfCancellationRequested();
                _producer.Poll(QueueFullPollInterval);
            }
        }
    }

    /// <summary>Waits until every queued record is delivered or <paramref name="timeout"/> passes.</summary>
    /// <returns>Records still undelivered.</returns>
    public int Flush(TimeSpan timeout) => _producer.Flush(timeout);

    public void Dispose() => _producer.Dispose();

    private void OnDelivered(DeliveryReport<byte[]?, byte[]?> report, TopicPartitionOffset source, Action? onDelivered)
    {
        if (report.Error.IsError)
        {
            Log.DeliveryFailed(_logger, report.Topic, source.ToString(), report.Error.Reason);
            _completions.Fail(new DeliveryFailedException(report.Topic, source, report.Error));
            return;
        }

        _completions.Complete(source);
        try
        {
            onDelivered?.Invoke();
        }
        catch (Exception error)
        {
            _completions.Fail(error);
        }
    }
}
