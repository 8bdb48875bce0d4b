using Confluent.Kafka;
using GanWatch.Streaming.Diagnostics;
using GanWatch.Streaming.Kafka;
using GanWatch.Streaming.Processing;
using Microsoft.Extensions.Logging;

namespace GanWatch.Streaming.ModelDistribution;

/// <summary>
/// Reads model packages from the model topic: first everything up to the current end, to find the newest package of
/// each lineage, then every package published later.
/// </summary>
/// <remarks>
/// <para>Records are chunks written by <see cref="ModelPackagePublisher"/>: key <c>&lt;lineage&gt;/&lt;version&gt;/&lt;index&gt;</c>,
/// the chunk bytes as value, and text headers <c>version</c>, <c>index</c>, <c>count</c> and <c>sha256</c> (of the whole
/// package). A package counts once all its chunks have arrived and their SHA-256 matches; a corrupt chunk or package is
/// logged and skipped. Within a lineage, versions compare as ordinal strings, and only a version greater than the
/// newest one seen is reported. Tombstones (null values) delete chunks.</para>
/// <para>The reader assigns every partition of the topic itself, without a consumer group, and rechecks the topic's
/// partitions every 10 s, so a topic created or grown later is read from its beginning. It runs on its own thread,
/// which also raises <see cref="PackageReceived"/>.</para>
/// </remarks>
public sealed class ModelPackageReader : IDisposable
{
    private static readonly TimeSpan PollTimeout = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MetadataRetryInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan BrokerQueryTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(15);

    private readonly ModelTopicSettings _settings;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly ModelPackageAssembler _assembler = new();
    private readonly object _assemblerGate = new();
    private readonly TaskCompletionSource<IReadOnlyDictionary<string, ModelPackage>> _initialRead =
        new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly HashSet<int> _assigned = [];
    private readonly Dictionary<int, long> _initialEnds = [];
    private readonly RepeatThrottle _warnings;
    private Thread? _thread;
    private bool _topicChecked;
    private bool _topicMissingLogged;

    /// <summary>Creates the reader; it connects when <see cref="StartAsync"/> is called.</summary>
    /// <exception cref="ArgumentException"><paramref name="settings"/> are invalid; the message lists every problem.</exception>
    public ModelPackageReader(ModelTopicSettings settings, ILogger logger, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(logger);
        settings.ThrowIfInvalid();
        _settings = settings;
        _logger = logger;
        _time = timeProvider ?? TimeProvider.System;
        _warnings = new RepeatThrottle(TimeSpan.FromSeconds(30), _time);
    }

    /// <summary>
    /// Raised on the reader's thread, after the initial read, for each complete package that is newer than every
    /// earlier package of its lineage. Handlers should return quickly; an exception is logged and ignored.
    /// </summary>
    public event Action<ModelPackage>? PackageReceived;

    /// <summary>
    /// Starts the reader's thread and waits until it has read every partition up to the end it had when assigned.
    /// Returns the newest complete package of each lineage, or an empty map when the topic does not exist yet.
    /// </summary>
    /// <remarks>
    /// While the brokers are unreachable the wait continues, with a warning every 30 s; cancel
    /// <paramref name="cancellationToken"/> to stop waiting. The reader keeps running until disposed.
    /// </remarks>
    /// <exception cref="InvalidOperationException">The reader was already started.</exception>
    /// <exception cref="KafkaException">The consumer failed fatally.</exception>
    public Task<IReadOnlyDictionary<string, ModelPackage>> StartAsync(CancellationToken cancellationToken = default)
    {
        var thread = new Thread(Run) { IsBackground = true, Name = "ganwatch-model-reader" };
        if (Interlocked.CompareExchange(ref _thread, thread, null) is not null)
        {
            throw new InvalidOperationException("This model package reader was already started; create a new one to read again.");
        }

        thread.Start();
        return _initialRead.Task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Returns the versions of <paramref name="lineage"/> read from the topic so far that no tombstone has deleted, with
    /// their chunk counts, oldest first. Thread-safe.
    /// </summary>
    public IReadOnlyList<PublishedVersion> PublishedVersions(string lineage)
    {
        lock (_assemblerGate)
        {
            return _assembler.VersionsOf(lineage);
        }
    }

    /// <summary>Stops the reader's thread and closes its consumer, waiting up to 15 s.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        Thread? thread = Volatile.Read(ref _thread);
        if (thread is not null && thread != Thread.CurrentThread)
        {
            thread.Join(StopTimeout);
        }

        _initialRead.TrySetCanceled();
    }

    private void Run()
    {
        IConsumer<byte[]?, byte[]?>? consumer = null;
        try
        {
            KafkaSecrets secrets = KafkaSecrets.Read(_settings.Security);
            LogRedactor redactor = ModelTopicClients.CreateRedactor(_settings, secrets);
            Exception? fatal = null;
            consumer = new ConsumerBuilder<byte[]?, byte[]?>(ModelTopicClients.BuildConsumer(_settings, secrets))
                .SetLogHandler((_, message) => LibrdkafkaLog.Write(_logger, message, redactor))
                .SetErrorHandler((_, error) =>
                {
                    if (error.IsFatal)
                    {
                        fatal ??= new KafkaException(new Error(error.Code, redactor.Redact(error.Reason), isFatal: true));
                    }
                    else if (RepeatThrottle.Kafka.ShouldWrite($"model-reader|{error.Code}|{error.Reason}", out int _))
                    {
                        Log.KafkaError(_logger, "model reader", error.Code.ToString(), redactor.Redact(error.Reason));
                    }
                })
                .Build();
            using IAdminClient admin = new DependentAdminClientBuilder(consumer.Handle).Build();
            Poll(consumer, admin, () => fatal);
        }
        catch (Exception error)
        {
            Log.ModelReaderFailed(_logger, _settings.Topic, error);
            _initialRead.TrySetException(error);
        }
        finally
        {
            CloseQuietly(consumer);
        }
    }

    private void Poll(IConsumer<byte[]?, byte[]?> consumer, IAdminClient admin, Func<Exception?> fatal)
    {
        long nextMetadata = 0;
        while (!_stop.IsCancellationRequested)
        {
            if (fatal() is { } error)
            {
                throw error;
            }

            if (_time.GetTimestamp() >= nextMetadata)
            {
                bool refreshed = RefreshAssignment(consumer, admin);
                TimeSpan interval = refreshed ? _settings.TopicCheckInterval : MetadataRetryInterval;
                nextMetadata = _time.GetTimestamp() + (long)(interval.TotalSeconds * _time.TimestampFrequency);
            }

            CompleteInitialReadWhenDone();
            ConsumeResult<byte[]?, byte[]?>? result;
            try
            {
                result = consumer.Consume(PollTimeout);
            }
            catch (ConsumeException failure) when (!failure.Error.IsFatal)
            {
                if (_warnings.ShouldWrite($"consume|{failure.Error.Code}", out _))
                {
                    Log.ConsumeFailed(_logger, _settings.Topic, failure.Error.Reason);
                }

                continue;
            }

            if (result is null)
            {
                continue;
            }

            int partition = result.Partition.Value;
            if (result.IsPartitionEOF)
            {
                _initialEnds.Remove(partition);
                continue;
            }

            if (_initialEnds.TryGetValue(partition, out long end) && result.Offset.Value >= end - 1)
            {
                _initialEnds.Remove(partition);
            }

            Handle(result);
        }
    }

    /// <summary>Assigns partitions of the topic not assigned yet, from their beginning. Returns false when the metadata request failed.</summary>
    private bool RefreshAssignment(IConsumer<byte[]?, byte[]?> consumer, IAdminClient admin)
    {
        TopicMetadata? topic;
        try
        {
            topic = admin.GetMetadata(_settings.Topic, BrokerQueryTimeout).Topics.FirstOrDefault(entry => entry.Topic == _settings.Topic);
        }
        catch (KafkaException error)
        {
            if (_warnings.ShouldWrite("metadata", out _))
            {
                Log.ModelTopicUnavailable(_logger, _settings.Topic, error.Error.Reason);
            }

            return false;
        }

        if (topic is null || topic.Error.Code == ErrorCode.UnknownTopicOrPart || topic.Partitions.Count == 0)
        {
            if (!_topicMissingLogged)
            {
                Log.ModelTopicMissing(_logger, _settings.Topic, _settings.TopicCheckInterval);
                _topicMissingLogged = true;
            }

            _topicChecked = true;
            return true;
        }

        var added = new List<TopicPartitionOffset>();
        foreach (PartitionMetadata partition in topic.Partitions.Where(partition => !_assigned.Contains(partition.PartitionId)))
        {
            var topicPartition = new TopicPartition(_settings.Topic, partition.PartitionId);
            if (!_initialRead.Task.IsCompleted)
            {
                WatermarkOffsets watermarks = consumer.QueryWatermarkOffsets(topicPartition, BrokerQueryTimeout);
                if (watermarks.High.Value > watermarks.Low.Value)
                {
                    _initialEnds[partition.PartitionId] = watermarks.High.Value;
                }
            }

            added.Add(new TopicPartitionOffset(topicPartition, Offset.Beginning));
            _assigned.Add(partition.PartitionId);
        }

        if (added.Count > 0)
        {
            consumer.IncrementalAssign(added);
            Log.ModelTopicAssigned(_logger, _settings.Topic, string.Join(", ", added.Select(entry => entry.Partition.Value)));
        }

        _topicChecked = true;
        return true;
    }

    private void CompleteInitialReadWhenDone()
    {
        if (_initialRead.Task.IsCompleted || !_topicChecked || _initialEnds.Count > 0)
        {
            return;
        }

        Dictionary<string, ModelPackage> latest;
        lock (_assemblerGate)
        {
            foreach (string incomplete in _assembler.DescribeIncomplete())
            {
                Log.ModelPackageIncomplete(_logger, incomplete, _settings.Topic);
            }

            latest = new Dictionary<string, ModelPackage>(_assembler.Latest, StringComparer.Ordinal);
        }

        Log.ModelTopicRead(_logger, _settings.Topic, latest.Count == 0 ? "none" : string.Join(", ", latest.Values.Select(p => $"{p.Lineage}/{p.Version}")));
        _initialRead.TrySetResult(latest);
    }

    private void Handle(ConsumeResult<byte[]?, byte[]?> result)
    {
        ModelPackage? package;
        string? problem;
        lock (_assemblerGate)
        {
            package = _assembler.Add(result.Message.Key, result.Message.Value, result.Message.Headers, out problem);
        }

        if (problem is not null)
        {
            Log.ModelChunkSkipped(_logger, result.Partition.Value, result.Offset.Value, _settings.Topic, problem);
        }

        if (package is null)
        {
            return;
        }

        Log.ModelPackageRead(_logger, package.Lineage, package.Version, package.Content.Length, package.ChunkCount);
        if (!_initialRead.Task.IsCompleted)
        {
            return;
        }

        try
        {
            PackageReceived?.Invoke(package);
        }
        catch (Exception error)
        {
            Log.ModelPackageHandlerFailed(_logger, package.Lineage, package.Version, error);
        }
    }

    private void CloseQuietly(IConsumer<byte[]?, byte[]?>? consumer)
    {
        if (consumer is null)
        {
            return;
        }

        try
        {
            consumer.Close();
        }
        catch (KafkaException error)
        {
            Log.ConsumeFailed(_logger, _settings.Topic, $"closing the model reader failed: {error.Error.Reason}");
        }

        consumer.Dispose();
    }
}
