using System.Runtime.InteropServices;

namespace GanWatch.Streaming.Kafka;

/// <summary>
/// P/Invoke declarations for the parts of librdkafka's experimental mock-cluster API (<c>rdkafka_mock.h</c>)
/// that <see cref="EmbeddedKafkaCluster"/> uses, plus the bare client handle the cluster needs.
/// </summary>
internal static partial class MockClusterNative
{
    /// <summary><c>RD_KAFKA_PRODUCER</c> from <c>rd_kafka_type_t</c>.</summary>
    internal const int ProducerType = 0;

    static MockClusterNative() => RdKafkaLibraryResolver.EnsureRegistered();

    /// <summary>Loads the native library now so that a missing file fails here and not in a later call.</summary>
    internal static void EnsureLoaded() => _ = rd_kafka_version();

    [LibraryImport(RdKafkaLibraryResolver.LibraryName)]
    internal static partial int rd_kafka_version();

    [LibraryImport(RdKafkaLibraryResolver.LibraryName)]
    internal static partial IntPtr rd_kafka_conf_new();

    [LibraryImport(RdKafkaLibraryResolver.LibraryName)]
    internal static partial void rd_kafka_conf_destroy(IntPtr conf);

    [LibraryImport(RdKafkaLibraryResolver.LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int rd_kafka_conf_set(IntPtr conf, string name, string value, byte[] errorText, UIntPtr errorTextSize);

    /// <summary>Creates a client handle. Takes ownership of <paramref name="conf"/> on success only.</summary>
    [LibraryImport(RdKafkaLibraryResolver.LibraryName)]
    internal static partial IntPtr rd_kafka_new(int type, IntPtr conf, byte[] errorText, UIntPtr errorTextSize);

    [LibraryImport(RdKafkaLibraryResolver.LibraryName)]
    internal static partial void rd_kafka_destroy(IntPtr rk);

    [LibraryImport(RdKafkaLibraryResolver.LibraryName)]
    internal static partial IntPtr rd_kafka_mock_cluster_new(IntPtr rk, int brokerCount);

    [LibraryImport(RdKafkaLibraryResolver.LibraryName)]
    internal static partial void rd_kafka_mock_cluster_destroy(IntPtr cluster);

    /// <summary>Returns a pointer to a string owned by the cluster.</summary>
    [LibraryImport(RdKafkaLibraryResolver.LibraryName)]
    internal static partial IntPtr rd_kafka_mock_cluster_bootstraps(IntPtr cluster);

    [LibraryImport(RdKafkaLibraryResolver.LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int rd_kafka_mock_topic_create(IntPtr cluster, string topic, int partitionCount, int replicationFactor);

    [LibraryImport(RdKafkaLibraryResolver.LibraryName)]
    internal static partial void rd_kafka_mock_set_controller_id(IntPtr cluster, int brokerId);

    [LibraryImport(RdKafkaLibraryResolver.LibraryName)]
    internal static partial void rd_kafka_mock_group_initial_rebalance_delay_ms(IntPtr cluster, int delayMs);

    [LibraryImport(RdKafkaLibraryResolver.LibraryName)]
    internal static partial int rd_kafka_mock_broker_set_down(IntPtr cluster, int brokerId);

    [LibraryImport(RdKafkaLibraryResolver.LibraryName)]
    internal static partial int rd_kafka_mock_broker_set_up(IntPtr cluster, int brokerId);

    /// <summary>Makes the next <paramref name="count"/> requests with <paramref name="apiKey"/> fail with the given error codes, in order.</summary>
    [LibraryImport(RdKafkaLibraryResolver.LibraryName)]
    internal static partial void rd_kafka_mock_push_request_errors_array(IntPtr cluster, short apiKey, UIntPtr count, int[] errors);

    /// <summary>Drops the errors still queued by <see cref="rd_kafka_mock_push_request_errors_array"/> for <paramref name="apiKey"/>.</summary>
    [LibraryImport(RdKafkaLibraryResolver.LibraryName)]
    internal static partial void rd_kafka_mock_clear_request_errors(IntPtr cluster, short apiKey);

    [LibraryImport(RdKafkaLibraryResolver.LibraryName)]
    internal static partial int rd_kafka_mock_broker_set_rtt(IntPtr cluster, int brokerId, int rttMs);

    [LibraryImport(RdKafkaLibraryResolver.LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int rd_kafka_mock_partition_set_leader(IntPtr cluster, string topic, int partition, int brokerId);

    [LibraryImport(RdKafkaLibraryResolver.LibraryName)]
    internal static partial IntPtr rd_kafka_err2str(int errorCode);

    internal static string DescribeError(int errorCode) =>
        Marshal.PtrToStringUTF8(rd_kafka_err2str(errorCode)) ?? $"error code {errorCode}";
}
