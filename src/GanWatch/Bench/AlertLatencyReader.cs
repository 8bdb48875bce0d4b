using Confluent.Kafka;
using GanWatch.Streaming.Alerts;

namespace GanWatch.Bench;

/// <summary>An alert as a plain consumer first read it: the input record behind it and the wall-clock read time.</summary>
internal sealed record ReadAlert(int Partition, long Offset, long ReadUnixMs);

/// <summary>
/// Reads the alert topic while the daemon runs, with a plain consumer outside the daemon's group and default fetch
/// settings, and stores when each alert became readable.
/// </summary>
internal sealed class AlertLatencyReader : IDisposable
{
    private readonly IConsumer<string, byte[]> _consumer;
    private readonly List<ReadAlert> _alerts = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private int _count;

    public AlertLatencyReader(string bootstrapServers, string topic)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "ganwatch-bench-alerts-" + Guid.NewGuid().ToString("N"),
            EnableAutoCommit = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
        };
        _consumer = new ConsumerBuilder<string, byte[]>(config).Build();
        _consumer.Assign(new TopicPartitionOffset(topic, 0, Offset.Beginning));
        _thread = new Thread(Run) { IsBackground = true, Name = "bench-alert-reader" };
        _thread.Start();
    }

    /// <summary>Alerts read so far; any thread may read it.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Stops reading and returns every alert read, in read order.</summary>
    public IReadOnlyList<ReadAlert> Stop()
    {
        _stop.Cancel();
        _thread.Join();
        return _alerts;
    }

    public void Dispose()
    {
        if (_thread.IsAlive)
        {
            Stop();
        }

        _consumer.Close();
        _consumer.Dispose();
        _stop.Dispose();
    }

    private void Run()
    {
        while (!_stop.IsCancellationRequested)
        {
            ConsumeResult<string, byte[]>? result = _consumer.Consume(TimeSpan.FromMilliseconds(100));
            if (result?.Message is null)
            {
                continue;
            }

            long readAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            Alert alert = AlertSerializer.Deserialize(result.Message.Value);
            _alerts.Add(new ReadAlert(alert.Source.Partition, alert.Source.Offset, readAt));
            Interlocked.Increment(ref _count);
        }
    }
}
