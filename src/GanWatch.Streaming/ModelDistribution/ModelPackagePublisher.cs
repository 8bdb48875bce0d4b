using System.Security.Cryptography;
using Confluent.Kafka;
using Confluent.Kafka.Admin;
using GanWatch.Streaming.Diagnostics;
using GanWatch.Streaming.Kafka;
using GanWatch.Streaming.Processing;
using Microsoft.Extensions.Logging;

namespace GanWatch.Streaming.ModelDistribution;

/// <summary>
/// Publishes model packages to the compacted model topic, split into chunks of at most
/// <see cref="ModelTopicSettings.ChunkBytes"/> so that each record stays below the broker's message size limit.
/// </summary>
/// <remarks>
/// The producer is idempotent with <c>acks=all</c>. The record format is described on <see cref="ModelPackageReader"/>.
/// Thread-safe: one producer serves every call.
/// </remarks>
public sealed class ModelPackagePublisher : IDisposable
{
    private static readonly TimeSpan AdminTimeout = TimeSpan.FromSeconds(30);

    private readonly ModelTopicSettings _settings;
    private readonly ILogger _logger;
    private readonly IProducer<byte[]?, byte[]?> _producer;

    /// <summary>Creates the publisher and its producer; nothing is sent until a method is called.</summary>
    /// <exception cref="ArgumentException"><paramref name="settings"/> are invalid; the message lists every problem.</exception>
    /// <exception cref="IOException">A secret file named by the security settings could not be read.</exception>
    public ModelPackagePublisher(ModelTopicSettings settings, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(logger);
        settings.ThrowIfInvalid();
        _settings = settings;
        _logger = logger;
        KafkaSecrets secrets = KafkaSecrets.Read(settings.Security);
        LogRedactor redactor = ModelTopicClients.CreateRedactor(settings, secrets);
        _producer = new ProducerBuilder<byte[]?, byte[]?>(ModelTopicClients.BuildProducer(settings, secrets))
            .SetLogHandler((_, message) => LibrdkafkaLog.Write(logger, message, redactor))
            .SetErrorHandler((_, error) =>
            {
                if (RepeatThrottle.Kafka.ShouldWrite($"model-publisher|{error.Code}|{error.Reason}", out int _))
                {
                    Log.KafkaError(logger, "model publisher", error.Code.ToString(), redactor.Redact(error.Reason));
                }
            })
            .Build();
    }

    /// <summary>
    /// Creates the model topic with one partition and <c>cleanup.policy=compact</c> when it does not exist. A topic
    /// that exists is left as it is.
    /// </summary>
    /// <exception cref="KafkaException">The topic does not exist and could not be created; the message explains how to create it.</exception>
    public async Task EnsureTopicAsync(CancellationToken cancellationToken = default)
    {
        using IAdminClient admin = new DependentAdminClientBuilder(_producer.Handle).Build();
        if (TopicExists(admin))
        {
            return;
        }

        var specification = new TopicSpecification
        {
            Name = _settings.Topic,
            NumPartitions = 1,
            ReplicationFactor = -1,
            Configs = new Dictionary<string, string> { ["cleanup.policy"] = "compact" },
        };
        try
        {
            await admin.CreateTopicsAsync([specification], new CreateTopicsOptions { RequestTimeout = AdminTimeout })
                .WaitAsync(cancellationToken).ConfigureAwait(false);
            Log.ModelTopicCreated(_logger, _settings.Topic);
        }
        catch (CreateTopicsException error) when (error.Results.All(result => result.Error.Code is ErrorCode.NoError or ErrorCode.TopicAlreadyExists))
        {
            // Another instance created it first.
        }
        catch (CreateTopicsException error)
        {
            throw CreateFailed(error.Error.Code, string.Join("; ", error.Results.Select(result => result.Error.Reason)), error);
        }
        catch (KafkaException error)
        {
            // For example a broker that does not implement CreateTopics, such as librdkafka's mock cluster.
            throw CreateFailed(error.Error.Code, error.Error.Reason, error);
        }
    }

    /// <summary>
    /// Publishes <paramref name="package"/> as version <paramref name="version"/> of <paramref name="lineage"/> and
    /// returns once the broker has acknowledged every chunk.
    /// </summary>
    /// <returns>The number of chunks published.</returns>
    /// <exception cref="ArgumentException">A name is empty or contains '/', or the package is empty or too large.</exception>
    /// <exception cref="ProduceException{TKey, TValue}">A chunk was not delivered; the message names the chunk.</exception>
    public async Task<int> PublishAsync(string lineage, string version, ReadOnlyMemory<byte> package, CancellationToken cancellationToken = default)
    {
        RequireName(lineage, nameof(lineage));
        RequireName(version, nameof(version));
        int count = (int)Math.Ceiling(package.Length / (double)_settings.ChunkBytes);
        if (count == 0)
        {
            throw new ArgumentException($"The package of model {lineage}/{version} is empty; nothing to publish.", nameof(package));
        }

        if (count > ModelTopicSettings.MaxChunkCount)
        {
            throw new ArgumentException(
                $"The package of model {lineage}/{version} has {package.Length} bytes, which needs {count} chunks of {_settings.ChunkBytes} bytes; " +
                $"at most {ModelTopicSettings.MaxChunkCount} are allowed. Raise the chunk size.", nameof(package));
        }

        string sha256 = Convert.ToHexStringLower(SHA256.HashData(package.Span));
        var deliveries = new Task<DeliveryResult<byte[]?, byte[]?>>[count];
        for (int index = 0; index < count; index++)
        {
            int start = index * _settings.ChunkBytes;
            var message = new Message<byte[]?, byte[]?>
            {
                Key = ModelChunkHeaders.Key(lineage, version, index),
                Value = package.Slice(start, Math.Min(_settings.ChunkBytes, package.Length - start)).ToArray(),
                Headers = ModelChunkHeaders.Create(version, index, count, sha256),
            };
            deliveries[index] = _producer.ProduceAsync(_settings.Topic, message, cancellationToken);
        }

        await WhenAllDeliveredAsync(deliveries, lineage, version).ConfigureAwait(false);
        Log.ModelPackagePublished(_logger, lineage, version, package.Length, count, _settings.Topic);
        return count;
    }

    /// <summary>
    /// Writes tombstones for the <paramref name="chunkCount"/> chunks of a published version, so that compaction
    /// removes it from the topic. Returns once the broker has acknowledged every tombstone.
    /// </summary>
    /// <exception cref="ArgumentException">A name is empty or contains '/', or the count is out of range.</exception>
    /// <exception cref="ProduceException{TKey, TValue}">A tombstone was not delivered.</exception>
    public async Task DeleteAsync(string lineage, string version, int chunkCount, CancellationToken cancellationToken = default)
    {
        RequireName(lineage, nameof(lineage));
        RequireName(version, nameof(version));
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(chunkCount, ModelTopicSettings.MaxChunkCount);
        var deliveries = new Task<DeliveryResult<byte[]?, byte[]?>>[chunkCount];
        for (int index = 0; index < chunkCount; index++)
        {
            var tombstone = new Message<byte[]?, byte[]?> { Key = ModelChunkHeaders.Key(lineage, version, index), Value = null };
            deliveries[index] = _producer.ProduceAsync(_settings.Topic, tombstone, cancellationToken);
        }

        await WhenAllDeliveredAsync(deliveries, lineage, version).ConfigureAwait(false);
        Log.ModelPackageDeleted(_logger, lineage, version, chunkCount, _settings.Topic);
    }

    /// <summary>Flushes and disposes the producer; records not yet acknowledged within 10 s are dropped.</summary>
    public void Dispose()
    {
        _producer.Flush(TimeSpan.FromSeconds(10));
        _producer.Dispose();
    }

    private bool TopicExists(IAdminClient admin)
    {
        Metadata metadata = admin.GetMetadata(_settings.Topic, AdminTimeout);
        TopicMetadata? topic = metadata.Topics.FirstOrDefault(entry => entry.Topic == _settings.Topic);
        return topic is not null && topic.Error.Code == ErrorCode.NoError && topic.Partitions.Count > 0;
    }

    private async Task WhenAllDeliveredAsync(Task<DeliveryResult<byte[]?, byte[]?>>[] deliveries, string lineage, string version)
    {
        for (int index = 0; index < deliveries.Length; index++)
        {
            try
            {
                await deliveries[index].ConfigureAwait(false);
            }
            catch (ProduceException<byte[]?, byte[]?> error)
            {
                throw new ProduceException<byte[]?, byte[]?>(
                    new Error(error.Error.Code,
                        $"Chunk {index} of {deliveries.Length} of model {lineage}/{version} was not delivered to topic '{_settings.Topic}': {error.Error.Reason}"),
                    error.DeliveryResult, error);
            }
        }
    }

    private KafkaException CreateFailed(ErrorCode code, string reason, Exception inner) =>
        new(new Error(code,
            $"Creating the model topic '{_settings.Topic}' failed: {reason}. Create it with cleanup.policy=compact, or let the " +
            "daemon's Kafka user create topics."), inner);

    private static void RequireName(string name, string parameter)
    {
        if (!ModelChunkHeaders.IsValidName(name))
        {
            throw new ArgumentException($"'{name}' is not a valid model lineage or version name: it must be non-empty and contain no '/' or control characters.", parameter);
        }
    }
}
