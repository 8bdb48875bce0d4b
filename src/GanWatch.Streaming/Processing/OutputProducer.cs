using Confluent.Kafka;
using GanWatch.Streaming.Diagnostics;
using GanWatch.Streaming.Kafka;
using GanWatch.Streaming.Publishing;
using Microsoft.Extensions.Logging;

namespace GanWatch.Streaming.Processing;

/// <summary>
/// Idempotent producer for alerts and dead letters. A successful delivery completes the input record's offset. A
/// record whose delivery failed with a transient error is produced again, with the same bytes, through
/// <see cref="PublishRetryPipeline"/> on the thread pool; a permanent error or exhausted retries fault the processor.
/// A fatal producer error replaces the producer. Thread-safe: called from both the consumer and the scoring thread.
/// </summary>
internal sealed class OutputProducer : IDisposable
{
    private static readonly TimeSpan QueueFullPollInterval = TimeSpan.FromMilliseconds(50);

    private readonly ProducerConfig _config;
    private readonly CompletionQueue _completions;
    private readonly StreamCounters _counters;
    private readonly ILogger _logger;
    private readonly PublishRetryPipeline _retries;
    private readonly ProducerRecreationLimit _recreationLimit;
    private readonly int _maxAwaitingRetry;
    private readonly object _swapGate = new();
    private readonly CancellationTokenSource _disposed = new();
    private IProducer<byte[]?, byte[]?> _producer;
    private int _recreating;
    private long _awaitingRetry;

    public OutputProducer(ProducerConfig config, StreamProcessorOptions options, CompletionQueue completions,
        StreamCounters counters, ILogger logger, TimeProvider time, LogRedactor redactor)
    {
        _config = config;
        _completions = completions;
        _counters = counters;
        _logger = logger;
        Redactor = redactor;
        _retries = new PublishRetryPipeline(options.PublishResilience, counters, logger, time);
        _recreationLimit = new ProducerRecreationLimit(time);
        _maxAwaitingRetry = options.MaxPendingWindows;
        _producer = Build();
    }

    /// <summary>Masks secrets in librdkafka's log lines and error reasons.</summary>
    public LogRedactor Redactor { get; }

    /// <summary>
    /// Whether the consumer should pause: the breaker is open, or as many records wait for a retry as
    /// <see cref="StreamProcessorOptions.MaxPendingWindows"/>.
    /// </summary>
    public bool IsBlocked => _retries.IsBreakerOpen || Interlocked.Read(ref _awaitingRetry) >= _maxAwaitingRetry;

    /// <summary>
    /// Queues <paramref name="message"/> for <paramref name="topic"/>; <paramref name="source"/> completes on delivery.
    /// Blocks while librdkafka's local queue is full, until <paramref name="cancellationToken"/> is cancelled.
    /// <paramref name="onDelivered"/>, when given, runs after a successful delivery, on the delivery thread or, after a
    /// retry, on a thread-pool thread; an exception from it faults the processor.
    /// </summary>
    /// <exception cref="OperationCanceledException">The queue stayed full until cancellation.</exception>
    public void Send(string topic, Message<byte[]?, byte[]?> message, TopicPartitionOffset source, CancellationToken cancellationToken,
        Action? onDelivered = null)
    {
        while (true)
        {
            try
            {
                lock (_swapGate)
                {
                    _producer.Produce(topic, message, report => OnDelivered(report, topic, message, source, onDelivered));
                }

                return;
            }
            catch (ProduceException<byte[]?, byte[]?> error) when (error.Error.Code == ErrorCode.Local_QueueFull)
            {
                cancellationToken.ThrowIfCancellationRequested();
                lock (_swapGate)
                {
                    _producer.Poll(QueueFullPollInterval);
                }
            }
            catch (ProduceException<byte[]?, byte[]?> error) when (PublishErrors.IsTransient(error.Error))
            {
                // For example a producer in a fatal state that is being replaced: the retry produces on its successor.
                OnFailed(topic, message, source, error.Error, onDelivered);
                return;
            }
        }
    }

    /// <summary>
    /// Waits until every queued record is delivered and no record waits for a retry, or <paramref name="timeout"/> passes.
    /// </summary>
    /// <returns>Records still undelivered, including those waiting for a retry.</returns>
    public int Flush(TimeSpan timeout)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            TimeSpan left = deadline - DateTime.UtcNow;
            int queued;
            lock (_swapGate)
            {
                queued = _producer.Flush(left > TimeSpan.Zero ? TimeSpan.FromMilliseconds(Math.Min(left.TotalMilliseconds, 100)) : TimeSpan.Zero);
            }

            long waiting = Interlocked.Read(ref _awaitingRetry);
            if ((queued == 0 && waiting == 0) || DateTime.UtcNow >= deadline)
            {
                return queued + (int)waiting;
            }
        }
    }

    /// <summary>Cancels pending retries (their records stay uncommitted) and disposes the producer.</summary>
    public void Dispose()
    {
        _disposed.Cancel();
        lock (_swapGate)
        {
            _producer.Dispose();
        }
    }

    private IProducer<byte[]?, byte[]?> Build() =>
        new ProducerBuilder<byte[]?, byte[]?>(_config)
            .SetErrorHandler((_, error) => OnProducerError(error))
            .SetLogHandler((_, message) => LibrdkafkaLog.Write(_logger, message, Redactor))
            .Build();

    private void OnDelivered(DeliveryReport<byte[]?, byte[]?> report, string topic, Message<byte[]?, byte[]?> message, TopicPartitionOffset source,
        Action? onDelivered)
    {
        if (report.Error.IsError)
        {
            OnFailed(topic, message, source, report.Error, onDelivered);
            return;
        }

        Complete(source, onDelivered);
    }

    private void Complete(TopicPartitionOffset source, Action? onDelivered)
    {
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

    private void OnFailed(string topic, Message<byte[]?, byte[]?> message, TopicPartitionOffset source, Error error, Action? onDelivered)
    {
        Log.DeliveryFailed(_logger, topic, source.ToString(), Redactor.Redact(error.Reason));
        if (!PublishErrors.IsTransient(error))
        {
            _completions.Fail(new DeliveryFailedException(topic, source, error));
            return;
        }

        if (error.IsFatal)
        {
            RequestRecreate(error);
        }

        _ = RetryAsync(topic, message, source, error, onDelivered);
    }

    private async Task RetryAsync(string topic, Message<byte[]?, byte[]?> message, TopicPartitionOffset source, Error firstError, Action? onDelivered)
    {
        _counters.SetRecordsAwaitingRetry(Interlocked.Increment(ref _awaitingRetry));
        try
        {
            // Leave the librdkafka callback thread before anything else runs.
            await Task.Yield();
            await _retries.ExecuteAsync((failures, token) => failures == 0
                ? throw new PublishAttemptException(firstError)
                : ProduceOnceAsync(topic, message, token), _disposed.Token).ConfigureAwait(false);
            Complete(source, onDelivered);
        }
        catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
        {
            // Shutting down: the input record stays uncommitted and is processed again after a restart.
        }
        catch (PublishAttemptException error)
        {
            _completions.Fail(new DeliveryFailedException(topic, source, error.Error));
        }
        finally
        {
            _counters.SetRecordsAwaitingRetry(Interlocked.Decrement(ref _awaitingRetry));
        }
    }

    private async ValueTask ProduceOnceAsync(string topic, Message<byte[]?, byte[]?> message, CancellationToken cancellationToken)
    {
        Task<DeliveryResult<byte[]?, byte[]?>> delivery;
        try
        {
            lock (_swapGate)
            {
                delivery = _producer.ProduceAsync(topic, message, CancellationToken.None);
            }

            await delivery.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ProduceException<byte[]?, byte[]?> error)
        {
            if (error.Error.IsFatal)
            {
                RequestRecreate(error.Error);
            }

            throw new PublishAttemptException(error.Error);
        }
        catch (ObjectDisposedException) when (!_disposed.IsCancellationRequested)
        {
            throw new PublishAttemptException(new Error(ErrorCode.Local_Destroy, "the producer was replaced during the attempt"));
        }
    }

    private void OnProducerError(Error error)
    {
        if (!error.IsFatal)
        {
            // librdkafka retries transient errors itself and reports each attempt with a reason that changes (timings,
            // broker counts), so repeats are throttled by error code alone.
            if (RepeatThrottle.Kafka.ShouldWrite($"producer|{error.Code}", out _))
            {
                Log.KafkaError(_logger, "producer", error.Code.ToString(), Redactor.Redact(error.Reason));
            }

            return;
        }

        Log.FatalKafkaError(_logger, "producer", error.Code.ToString(), Redactor.Redact(error.Reason));
        RequestRecreate(error);
    }

    /// <summary>
    /// Replaces the producer on the thread pool, then flushes and disposes the old one; records it fails are produced
    /// again on the new one. Faults the processor when fatal errors repeat faster than <see cref="ProducerRecreationLimit"/> allows.
    /// </summary>
    private void RequestRecreate(Error error)
    {
        if (Interlocked.CompareExchange(ref _recreating, 1, 0) != 0)
        {
            return;
        }

        if (!_recreationLimit.TryAcquire())
        {
            _completions.Fail(new KafkaException(error));
            return;
        }

        _ = Task.Run(() =>
        {
            try
            {
                IProducer<byte[]?, byte[]?> old;
                lock (_swapGate)
                {
                    if (_disposed.IsCancellationRequested)
                    {
                        return;
                    }

                    old = _producer;
                    _producer = Build();
                }

                _counters.AddProducerRecreation();
                Log.ProducerRecreated(_logger, error.Code.ToString(), Redactor.Redact(error.Reason));

                // NOTE: librdkafka fails the old producer's queued records with a fatal or purge error, which sends them
                // to the retry path; a record that never gets a report stays uncommitted until a restart.
                old.Flush(TimeSpan.FromSeconds(5));
                old.Dispose();
            }
            catch (Exception failure) when (failure is KafkaException or InvalidOperationException)
            {
                _completions.Fail(failure);
            }
            finally
            {
                Volatile.Write(ref _recreating, 0);
            }
        });
    }
}
