using System.Runtime.InteropServices;
using System.Text;

namespace GanWatch.Streaming.Kafka;

/// <summary>
/// An in-process Kafka cluster built on librdkafka's mock cluster, listening on 127.0.0.1 with one TCP port per broker.
/// </summary>
/// <remarks>
/// <para>Any Kafka client can connect to <see cref="BootstrapServers"/>. The mock supports produce (including the
/// idempotent producer), consumer groups with offset commits and topic metadata. It does not implement the admin
/// CreateTopics, DeleteTopics, CreatePartitions or DescribeConfigs requests, so create topics with
/// <see cref="CreateTopic"/>. Each partition keeps about 5 MiB (librdkafka 2.16.0) and silently drops older records.</para>
/// <para>The cluster sets a 0 ms initial rebalance delay so the first consumer joins at once. Clients should use a
/// short <c>session.timeout.ms</c> (for example 6000) because classic-protocol rebalances wait for it on the mock.</para>
/// <para>Instances are thread-safe. Meant for tests and demos, never for production data.</para>
/// </remarks>
public sealed partial class EmbeddedKafkaCluster : IDisposable
{
    private readonly object _gate = new();
    private IntPtr _client;
    private IntPtr _cluster;

    private EmbeddedKafkaCluster(IntPtr client, IntPtr cluster, string bootstrapServers, int brokerCount)
    {
        _client = client;
        _cluster = cluster;
        BootstrapServers = bootstrapServers;
        BrokerCount = brokerCount;
    }

    /// <summary>Comma-separated <c>host:port</c> list of the brokers, for <c>bootstrap.servers</c>.</summary>
    public string BootstrapServers { get; }

    /// <summary>Number of brokers; their ids run from 1 to this number.</summary>
    public int BrokerCount { get; }

    /// <summary>Starts a mock cluster with <paramref name="brokers"/> brokers (default 1, ids 1..brokers).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="brokers"/> is less than 1.</exception>
    /// <exception cref="InvalidOperationException">librdkafka failed to create the client handle or the cluster.</exception>
    /// <exception cref="DllNotFoundException">The librdkafka native library was not found.</exception>
    public static EmbeddedKafkaCluster Create(int brokers = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokers, 1);
        MockClusterNative.EnsureLoaded();

        IntPtr client = CreateBareClient();
        IntPtr cluster = MockClusterNative.rd_kafka_mock_cluster_new(client, brokers);
        if (cluster == IntPtr.Zero)
        {
            MockClusterNative.rd_kafka_destroy(client);
            throw new InvalidOperationException(
                $"librdkafka failed to create a mock cluster with {brokers} broker(s); check that 127.0.0.1 can bind free TCP ports.");
        }

        MockClusterNative.rd_kafka_mock_set_controller_id(cluster, 1);
        MockClusterNative.rd_kafka_mock_group_initial_rebalance_delay_ms(cluster, 0);
        string bootstrap = Marshal.PtrToStringUTF8(MockClusterNative.rd_kafka_mock_cluster_bootstraps(cluster)) ?? "";
        return new EmbeddedKafkaCluster(client, cluster, bootstrap, brokers);
    }

    /// <summary>Creates a topic with the given partition count and replication factor (at most <see cref="BrokerCount"/>).</summary>
    /// <exception cref="ArgumentException">The name is empty or a count is out of range.</exception>
    /// <exception cref="InvalidOperationException">librdkafka rejected the topic, for example because it already exists.</exception>
    /// <exception cref="ObjectDisposedException">The cluster was disposed.</exception>
    public void CreateTopic(string name, int partitions = 1, int replicationFactor = 1)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(replicationFactor, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(replicationFactor, BrokerCount);

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_cluster == IntPtr.Zero, this);
            int error = MockClusterNative.rd_kafka_mock_topic_create(_cluster, name, partitions, replicationFactor);
            if (error != 0)
            {
                throw new InvalidOperationException(
                    $"Failed to create mock topic '{name}' with {partitions} partition(s): {MockClusterNative.DescribeError(error)}.");
            }
        }
    }

    /// <summary>Disconnects broker <paramref name="brokerId"/> (or all brokers for -1) and refuses new connections.</summary>
    /// <exception cref="InvalidOperationException">librdkafka rejected the broker id.</exception>
    public void SetBrokerDown(int brokerId) => RunBrokerCommand(brokerId, MockClusterNative.rd_kafka_mock_broker_set_down, "down");

    /// <summary>Lets broker <paramref name="brokerId"/> (or all brokers for -1) accept connections again.</summary>
    /// <exception cref="InvalidOperationException">librdkafka rejected the broker id.</exception>
    public void SetBrokerUp(int brokerId) => RunBrokerCommand(brokerId, MockClusterNative.rd_kafka_mock_broker_set_up, "up");

    /// <summary>Stops the brokers and frees the cluster. Clients still connected see their connections close.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            // librdkafka aborts the process when the client handle goes before the cluster that uses it.
            if (_cluster != IntPtr.Zero)
            {
                MockClusterNative.rd_kafka_mock_cluster_destroy(_cluster);
                _cluster = IntPtr.Zero;
            }

            if (_client != IntPtr.Zero)
            {
                MockClusterNative.rd_kafka_destroy(_client);
                _client = IntPtr.Zero;
            }
        }
    }

    private void RunBrokerCommand(int brokerId, Func<IntPtr, int, int> command, string state)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_cluster == IntPtr.Zero, this);
            int error = command(_cluster, brokerId);
            if (error != 0)
            {
                throw new InvalidOperationException(
                    $"Failed to set mock broker {brokerId} {state}: {MockClusterNative.DescribeError(error)}.");
            }
        }
    }

    private static IntPtr CreateBareClient()
    {
        var errorText = new byte[512];
        IntPtr conf = MockClusterNative.rd_kafka_conf_new();

        // The handle only owns the cluster's threads; keep its own logging quiet.
        if (MockClusterNative.rd_kafka_conf_set(conf, "log_level", "3", errorText, (UIntPtr)errorText.Length) != 0)
        {
            MockClusterNative.rd_kafka_conf_destroy(conf);
            throw new InvalidOperationException($"Failed to configure the mock cluster's client handle: {ReadText(errorText)}.");
        }

        IntPtr client = MockClusterNative.rd_kafka_new(MockClusterNative.ProducerType, conf, errorText, (UIntPtr)errorText.Length);
        if (client == IntPtr.Zero)
        {
            MockClusterNative.rd_kafka_conf_destroy(conf);
            throw new InvalidOperationException($"Failed to create the mock cluster's client handle: {ReadText(errorText)}.");
        }

        return client;
    }

    private static string ReadText(byte[] buffer)
    {
        int length = Array.IndexOf(buffer, (byte)0);
        return Encoding.UTF8.GetString(buffer, 0, length < 0 ? buffer.Length : length);
    }
}
