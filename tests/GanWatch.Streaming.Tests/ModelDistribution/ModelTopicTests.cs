using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Confluent.Kafka;
using GanWatch.Streaming.Kafka;
using GanWatch.Streaming.ModelDistribution;
using GanWatch.Streaming.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GanWatch.Streaming.Tests.ModelDistribution;

public sealed class ModelTopicTests : IDisposable
{
    private const string Topic = "ganwatch-models";
    private const int ChunkBytes = 1024;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly EmbeddedKafkaCluster _cluster = EmbeddedKafkaCluster.Create();
    private readonly ILogger _logger = TestLogger();
    private readonly List<IDisposable> _clients = [];

    [Fact]
    public async Task MultiChunkPackageRoundTrips()
    {
        _cluster.CreateTopic(Topic, 2);
        byte[] package = RandomPackage(5 * ChunkBytes + 300, seed: 1);
        ModelPackagePublisher publisher = Publisher();
        await publisher.EnsureTopicAsync(TestContext.Current.CancellationToken);

        int chunks = await publisher.PublishAsync("sine", "20260101T000000000Z", package, TestContext.Current.CancellationToken);

        Assert.Equal(6, chunks);
        List<ConsumeResult<byte[]?, byte[]?>> records = ReadRecords(2);
        Assert.Equal(6, records.Count);
        string sha256 = Convert.ToHexStringLower(SHA256.HashData(package));
        foreach (ConsumeResult<byte[]?, byte[]?> record in records)
        {
            string index = Header(record, "index");
            Assert.Equal($"sine/20260101T000000000Z/{index}", Encoding.UTF8.GetString(record.Message.Key!));
            Assert.Equal("20260101T000000000Z", Header(record, "version"));
            Assert.Equal("6", Header(record, "count"));
            Assert.Equal(sha256, Header(record, "sha256"));
            Assert.True(record.Message.Value!.Length <= ChunkBytes, $"chunk {index} has {record.Message.Value.Length} bytes");
        }

        IReadOnlyDictionary<string, ModelPackage> latest = await Reader().StartAsync(TestContext.Current.CancellationToken);
        ModelPackage read = Assert.Single(latest.Values);
        Assert.Equal("sine", read.Lineage);
        Assert.Equal("20260101T000000000Z", read.Version);
        Assert.Equal(6, read.ChunkCount);
        Assert.Equal(sha256, read.Sha256);
        Assert.Equal(package, read.Content);
    }

    [Fact]
    public async Task EnsureTopicNamesTopicWhenCreationFails()
    {
        // The mock cluster does not implement CreateTopics, like a broker where the daemon may not create topics.
        KafkaException error = await Assert.ThrowsAsync<KafkaException>(() => Publisher().EnsureTopicAsync(TestContext.Current.CancellationToken));

        Assert.Contains($"'{Topic}'", error.Message);
        Assert.Contains("cleanup.policy=compact", error.Message);
    }

    [Fact]
    public async Task NewestVersionWinsPerLineage()
    {
        _cluster.CreateTopic(Topic);
        ModelPackagePublisher publisher = Publisher();
        byte[] newest = RandomPackage(3000, seed: 2);
        await publisher.PublishAsync("sine", "20260102T000000000Z", newest, TestContext.Current.CancellationToken);
        await publisher.PublishAsync("sine", "20260101T000000000Z", RandomPackage(2500, seed: 3), TestContext.Current.CancellationToken);
        await publisher.PublishAsync("cpu", "20260101T000000000Z", RandomPackage(100, seed: 4), TestContext.Current.CancellationToken);

        IReadOnlyDictionary<string, ModelPackage> latest = await Reader().StartAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["cpu", "sine"], latest.Keys.Order());
        Assert.Equal("20260102T000000000Z", latest["sine"].Version);
        Assert.Equal(newest, latest["sine"].Content);
        Assert.Equal("20260101T000000000Z", latest["cpu"].Version);
    }

    [Fact]
    public async Task CorruptAndIncompletePackagesAreSkipped()
    {
        _cluster.CreateTopic(Topic);
        ModelPackagePublisher publisher = Publisher();
        byte[] valid = RandomPackage(2000, seed: 5);
        await publisher.PublishAsync("sine", "v1", valid, TestContext.Current.CancellationToken);

        byte[] corrupt = RandomPackage(2000, seed: 6);
        await ProduceChunksAsync("v2", corrupt, chunk => chunk.Index == 1 ? Flip(chunk.Value) : chunk.Value);
        byte[] incomplete = RandomPackage(2000, seed: 7);
        await ProduceChunksAsync("v3", incomplete, chunk => chunk.Index == 1 ? null : chunk.Value);
        await ProduceChunksAsync("v4", RandomPackage(500, seed: 8), chunk => chunk.Value, count: "x");

        ModelPackageReader reader = Reader();
        var received = new BlockingCollection<ModelPackage>();
        reader.PackageReceived += received.Add;
        IReadOnlyDictionary<string, ModelPackage> latest = await reader.StartAsync(TestContext.Current.CancellationToken);

        Assert.Equal("v1", latest["sine"].Version);
        Assert.Equal(valid, latest["sine"].Content);
        Assert.Equal([new PublishedVersion("v1", 2), new PublishedVersion("v2", 2), new PublishedVersion("v3", 2)], reader.PublishedVersions("sine"));

        // The missing chunk of v3 arrives later: the reader, still tailing, completes v3 and reports it.
        await ProduceChunksAsync("v3", incomplete, chunk => chunk.Index == 1 ? chunk.Value : null);
        Assert.True(received.TryTake(out ModelPackage? completed, Timeout), "the completed package v3 was not reported");
        Assert.Equal("v3", completed.Version);
        Assert.Equal(incomplete, completed.Content);
    }

    [Fact]
    public async Task LateReaderStartsFromLatestVersion()
    {
        ModelPackagePublisher publisher = Publisher();
        ModelPackageReader early = Reader();
        var received = new BlockingCollection<ModelPackage>();
        early.PackageReceived += received.Add;

        // The topic does not exist yet: the early reader finds nothing, and reads the topic once it exists.
        Assert.Empty(await early.StartAsync(TestContext.Current.CancellationToken));
        _cluster.CreateTopic(Topic);
        await publisher.PublishAsync("sine", "v1", RandomPackage(1500, seed: 9), TestContext.Current.CancellationToken);
        await publisher.PublishAsync("sine", "v2", RandomPackage(1500, seed: 10), TestContext.Current.CancellationToken);
        await publisher.DeleteAsync("sine", "v1", 2, TestContext.Current.CancellationToken);

        Assert.True(received.TryTake(out ModelPackage? first, Timeout), "v1 was not reported");
        Assert.Equal("v1", first.Version);
        Assert.True(received.TryTake(out ModelPackage? second, Timeout), "v2 was not reported");
        Assert.Equal("v2", second.Version);

        ModelPackageReader lateReader = Reader();
        IReadOnlyDictionary<string, ModelPackage> late = await lateReader.StartAsync(TestContext.Current.CancellationToken);
        Assert.Equal("v2", late["sine"].Version);
        Assert.Equal(second.Content, late["sine"].Content);
        Assert.Equal([new PublishedVersion("v2", 2)], lateReader.PublishedVersions("sine"));
    }

    public void Dispose()
    {
        foreach (IDisposable client in _clients)
        {
            client.Dispose();
        }

        _cluster.Dispose();
    }

    private ModelTopicSettings Settings() => new()
    {
        BootstrapServers = _cluster.BootstrapServers,
        Topic = Topic,
        ChunkBytes = ChunkBytes,
        TopicCheckInterval = TimeSpan.FromMilliseconds(500),
    };

    private ModelPackagePublisher Publisher()
    {
        var publisher = new ModelPackagePublisher(Settings(), _logger);
        _clients.Add(publisher);
        return publisher;
    }

    private ModelPackageReader Reader()
    {
        var reader = new ModelPackageReader(Settings(), _logger);
        _clients.Add(reader);
        return reader;
    }

    /// <summary>Produces the chunks of <paramref name="package"/> as the publisher would, after <paramref name="alter"/> (null skips a chunk).</summary>
    private async Task ProduceChunksAsync(string version, byte[] package, Func<(int Index, byte[] Value), byte[]?> alter, string? count = null)
    {
        int chunks = (package.Length + ChunkBytes - 1) / ChunkBytes;
        string sha256 = Convert.ToHexStringLower(SHA256.HashData(package));
        using IProducer<byte[]?, byte[]?> producer = new ProducerBuilder<byte[]?, byte[]?>(new ProducerConfig { BootstrapServers = _cluster.BootstrapServers }).Build();
        for (int index = 0; index < chunks; index++)
        {
            byte[]? value = alter((index, package.Skip(index * ChunkBytes).Take(ChunkBytes).ToArray()));
            if (value is null)
            {
                continue;
            }

            await producer.ProduceAsync(Topic, new Message<byte[]?, byte[]?>
            {
                Key = Encoding.UTF8.GetBytes($"sine/{version}/{index}"),
                Value = value,
                Headers = new Headers
                {
                    { "version", Encoding.UTF8.GetBytes(version) },
                    { "index", Encoding.UTF8.GetBytes(index.ToString(System.Globalization.CultureInfo.InvariantCulture)) },
                    { "count", Encoding.UTF8.GetBytes(count ?? chunks.ToString(System.Globalization.CultureInfo.InvariantCulture)) },
                    { "sha256", Encoding.UTF8.GetBytes(sha256) },
                },
            }, TestContext.Current.CancellationToken);
        }
    }

    private List<ConsumeResult<byte[]?, byte[]?>> ReadRecords(int partitions)
    {
        var config = new ConsumerConfig { BootstrapServers = _cluster.BootstrapServers, GroupId = "model-topic-test", EnableAutoCommit = false };
        using IConsumer<byte[]?, byte[]?> consumer = new ConsumerBuilder<byte[]?, byte[]?>(config).Build();
        var records = new List<ConsumeResult<byte[]?, byte[]?>>();
        for (int p = 0; p < partitions; p++)
        {
            var partition = new TopicPartition(Topic, p);
            long end = consumer.QueryWatermarkOffsets(partition, Timeout).High.Value;
            consumer.Assign(new TopicPartitionOffset(partition, Offset.Beginning));
            while (end > 0)
            {
                ConsumeResult<byte[]?, byte[]?> record = consumer.Consume(Timeout) ?? throw new TimeoutException($"partition {p} ended early");
                records.Add(record);
                if (record.Offset.Value >= end - 1)
                {
                    break;
                }
            }
        }

        return records;
    }

    private static string Header(ConsumeResult<byte[]?, byte[]?> record, string name) =>
        Encoding.UTF8.GetString(record.Message.Headers.GetLastBytes(name));

    private static byte[] RandomPackage(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static byte[] Flip(byte[] chunk)
    {
        byte[] copy = [.. chunk];
        copy[0] ^= 0xFF;
        return copy;
    }

    private static ILogger TestLogger()
    {
        string? logPath = Environment.GetEnvironmentVariable("GANWATCH_TEST_LOG");
        return string.IsNullOrEmpty(logPath) ? NullLogger.Instance : new FileTestLogger<ModelTopicTests>(logPath);
    }
}
