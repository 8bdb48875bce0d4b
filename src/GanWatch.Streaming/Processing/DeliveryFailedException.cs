using Confluent.Kafka;

namespace GanWatch.Streaming.Processing;

/// <summary>
/// Thrown by <see cref="StreamProcessor.RunAsync"/> when an alert or dead-letter record was not delivered. The input
/// record that caused it was not committed, so a restarted processor handles it again.
/// </summary>
public sealed class DeliveryFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DeliveryFailedException(string topic, TopicPartitionOffset source, Error error)
        : base($"Delivery to topic '{topic}' failed for the record from {source}: {error.Code}: {error.Reason}. " +
               "Check that the topic exists and the brokers are reachable; the input record stays uncommitted.")
    {
        Topic = topic;
        SourceRecord = source;
        Error = error;
    }

    /// <summary>Topic the record was sent to.</summary>
    public string Topic { get; }

    /// <summary>Position of the input record whose output failed.</summary>
    public TopicPartitionOffset SourceRecord { get; }

    /// <summary>Kafka error of the delivery report.</summary>
    public Error Error { get; }
}
