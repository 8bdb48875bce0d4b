using Confluent.Kafka;

namespace GanWatch.Streaming.Kafka;

/// <summary>Fault injection through librdkafka's mock API. Every member is thread-safe.</summary>
public sealed partial class EmbeddedKafkaCluster
{
    /// <summary>Kafka protocol API key of Produce requests.</summary>
    public const short ProduceApiKey = 0;

    /// <summary>
    /// Makes the next requests with <paramref name="apiKey"/> (for example <see cref="ProduceApiKey"/>), from any client
    /// to any broker, fail with <paramref name="errors"/>, one error per request in order.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="errors"/> is empty.</exception>
    /// <exception cref="ObjectDisposedException">The cluster was disposed.</exception>
    public void PushRequestErrors(short apiKey, params ErrorCode[] errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentOutOfRangeException.ThrowIfZero(errors.Length, nameof(errors));
        int[] codes = errors.Select(error => (int)error).ToArray();
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_cluster == IntPtr.Zero, this);
            MockClusterNative.rd_kafka_mock_push_request_errors_array(_cluster, apiKey, (UIntPtr)codes.Length, codes);
        }
    }

    /// <summary>Drops the request errors still queued for <paramref name="apiKey"/> by <see cref="PushRequestErrors"/>.</summary>
    /// <exception cref="ObjectDisposedException">The cluster was disposed.</exception>
    public void ClearRequestErrors(short apiKey)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_cluster == IntPtr.Zero, this);
            MockClusterNative.rd_kafka_mock_clear_request_errors(_cluster, apiKey);
        }
    }

    /// <summary>Adds <paramref name="roundTrip"/> of delay to every response of broker <paramref name="brokerId"/> (or all brokers for -1).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="roundTrip"/> is negative or above one hour.</exception>
    /// <exception cref="InvalidOperationException">librdkafka rejected the broker id.</exception>
    public void SetBrokerRoundTripTime(int brokerId, TimeSpan roundTrip)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(roundTrip, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(roundTrip, TimeSpan.FromHours(1));
        RunBrokerCommand(brokerId, (cluster, id) => MockClusterNative.rd_kafka_mock_broker_set_rtt(cluster, id, (int)roundTrip.TotalMilliseconds),
            $"to a round-trip time of {roundTrip.TotalMilliseconds} ms");
    }

    /// <summary>Moves the leader of <paramref name="topic"/> partition <paramref name="partition"/> to broker <paramref name="brokerId"/>.</summary>
    /// <exception cref="InvalidOperationException">librdkafka rejected the topic, partition or broker.</exception>
    public void SetPartitionLeader(string topic, int partition, int brokerId)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_cluster == IntPtr.Zero, this);
            int error = MockClusterNative.rd_kafka_mock_partition_set_leader(_cluster, topic, partition, brokerId);
            if (error != 0)
            {
                throw new InvalidOperationException(
                    $"Failed to move the leader of mock topic '{topic}' partition {partition} to broker {brokerId}: {MockClusterNative.DescribeError(error)}.");
            }
        }
    }
}
