using System.Collections.Concurrent;
using Confluent.Kafka;

namespace GanWatch.Streaming.Processing;

/// <summary>
/// Hands completed offsets and fatal errors from the scoring thread and the producer's delivery thread to the
/// consumer thread, which alone touches the offset tracker and the consumer. Thread-safe.
/// </summary>
internal sealed class CompletionQueue
{
    private readonly ConcurrentQueue<TopicPartitionOffset> _completed = new();
    private readonly Action<Exception> _onFault;

    /// <summary>Creates a queue that reports fatal errors to <paramref name="onFault"/>.</summary>
    public CompletionQueue(Action<Exception> onFault) => _onFault = onFault;

    /// <summary>Marks the record at <paramref name="source"/> complete.</summary>
    public void Complete(TopicPartitionOffset source) => _completed.Enqueue(source);

    /// <summary>Reports an error that must stop the processor; the affected record stays incomplete.</summary>
    public void Fail(Exception error) => _onFault(error);

    /// <summary>Takes the next completed offset, if any.</summary>
    public bool TryTake(out TopicPartitionOffset source) => _completed.TryDequeue(out source!);
}
