using System.Collections.Concurrent;
using System.Diagnostics;
using Confluent.Kafka;

namespace GanWatch.Bench;

/// <summary>
/// Produces the bench stream into the input topic. Series <c>s</c> goes to partition <c>s % partitions</c>, not to the
/// key hash, so every partition gets the same share and stays under the mock cluster's retention.
/// </summary>
internal sealed class BenchProducer : IDisposable
{
    private readonly IProducer<string, byte[]> _producer;
    private readonly string _topic;
    private readonly int _partitions;
    private readonly BenchStream _stream;
    private long _delivered;
    private string? _failure;

    public BenchProducer(string bootstrapServers, string topic, int partitions, BenchStream stream)
    {
        // linger.ms 5 is librdkafka's default, stated here because it is part of the measured end-to-end latency.
        var config = new ProducerConfig { BootstrapServers = bootstrapServers, EnableIdempotence = true, LingerMs = 5 };
        _producer = new ProducerBuilder<string, byte[]>(config).Build();
        _topic = topic;
        _partitions = partitions;
        _stream = stream;
    }

    /// <summary>Records acknowledged by the cluster so far.</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>Create time (Unix ms) of each delivered record by partition and offset; filled only by <see cref="ProducePaced"/>.</summary>
    public ConcurrentDictionary<(int Partition, long Offset), long> CreateTimes { get; } = new();

    /// <summary>Produces <paramref name="count"/> records as fast as the client allows and waits for every delivery.</summary>
    /// <exception cref="InvalidOperationException">A record was not delivered.</exception>
    public void ProduceAll(long count)
    {
        for (long i = 0; i < count; i++)
        {
            Produce(i, recordTime: false);
        }

        Flush();
    }

    /// <summary>
    /// Produces <paramref name="count"/> records at <paramref name="rate"/> records/s, spread evenly over time, and
    /// records each one's create time. Runs on the calling thread until the last delivery; returns the produce time.
    /// </summary>
    /// <exception cref="InvalidOperationException">A record was not delivered.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public TimeSpan ProducePaced(long count, int rate, Action<long> onProduced, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        long next = 0;
        while (next < count)
        {
            cancellationToken.ThrowIfCancellationRequested();
            long due = Math.Min(count, (long)(clock.Elapsed.TotalSeconds * rate) + 1);
            for (; next < due; next++)
            {
                Produce(next, recordTime: true);
            }

            onProduced(next);
            _producer.Poll(TimeSpan.Zero);
            Thread.Sleep(1);
        }

        TimeSpan elapsed = clock.Elapsed;
        Flush();
        return elapsed;
    }

    public void Dispose() => _producer.Dispose();

    private void Produce(long index, bool recordTime)
    {
        int series = _stream.SeriesOf(index);
        var message = new Message<string, byte[]>
        {
            Key = _stream.Key(series),
            Value = _stream.Value(index),
            Timestamp = new Timestamp(DateTime.UtcNow, TimestampType.CreateTime),
        };
        long? createdMs = recordTime ? message.Timestamp.UnixTimestampMs : null;
        var partition = new TopicPartition(_topic, series % _partitions);
        while (true)
        {
            try
            {
                _producer.Produce(partition, message, report => OnDelivery(report, createdMs));
                return;
            }
            catch (ProduceException<string, byte[]> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
            {
                // The local queue is full: let deliveries drain, then try the same record again.
                _producer.Poll(TimeSpan.FromMilliseconds(50));
            }
        }
    }

    private void OnDelivery(DeliveryReport<string, byte[]> report, long? createdMs)
    {
        if (report.Error.IsError)
        {
            _failure ??= $"partition {report.Partition.Value}: {report.Error.Reason}";
            return;
        }

        // The create time comes from the message as produced: the delivery report's copy carried 0 in a measured run.
        if (createdMs is long created)
        {
            CreateTimes[(report.Partition.Value, report.Offset.Value)] = created;
        }

        Interlocked.Increment(ref _delivered);
    }

    private void Flush()
    {
        _producer.Flush(TimeSpan.FromMinutes(2));
        if (_failure is not null || _producer.Flush(TimeSpan.Zero) > 0)
        {
            throw new InvalidOperationException(
                $"Failed to produce the bench stream into '{_topic}': {_failure ?? "deliveries still pending after 2 minutes"}.");
        }
    }
}
