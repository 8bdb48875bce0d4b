using System.Diagnostics;
using Confluent.Kafka;

namespace GanWatch.Bench;

/// <summary>Result of the plain consumer that reads the input topic with no processing.</summary>
/// <param name="Records">Records read.</param>
/// <param name="Elapsed">Time from the first record read to the last.</param>
internal sealed record CeilingResult(long Records, TimeSpan Elapsed)
{
    /// <summary>Records per second from the first record to the last; 0 when fewer than two records were read.</summary>
    public double RecordsPerSecond => Records > 1 && Elapsed > TimeSpan.Zero ? Records / Elapsed.TotalSeconds : 0;
}

/// <summary>
/// The throughput ceiling: a plain Confluent.Kafka consumer with the daemon's group settings (earliest reset, a
/// session timeout of 6 s, a new group) that reads and discards every record.
/// </summary>
internal static class CeilingConsumer
{
    /// <summary>
    /// Reads the topic until <paramref name="expected"/> records arrived or no record arrived for
    /// <paramref name="idleTimeout"/>; the count then shows how many the cluster kept.
    /// </summary>
    public static CeilingResult Read(string bootstrapServers, string topic, long expected, TimeSpan idleTimeout, CancellationToken cancellationToken)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "ganwatch-bench-ceiling-" + Guid.NewGuid().ToString("N"),
            EnableAutoCommit = true,
            EnableAutoOffsetStore = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            SessionTimeoutMs = 6000,
            EnablePartitionEof = false,
        };

        using IConsumer<string, byte[]> consumer = new ConsumerBuilder<string, byte[]>(config).Build();
        consumer.Subscribe(topic);
        long records = 0;
        var first = TimeSpan.Zero;
        var last = TimeSpan.Zero;
        var clock = Stopwatch.StartNew();
        TimeSpan lastSeen = clock.Elapsed;
        while (records < expected && clock.Elapsed - lastSeen < idleTimeout)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ConsumeResult<string, byte[]>? result = consumer.Consume(TimeSpan.FromMilliseconds(100));
            if (result is null || result.IsPartitionEOF)
            {
                continue;
            }

            lastSeen = clock.Elapsed;
            if (records == 0)
            {
                first = lastSeen;
            }

            records++;
            last = lastSeen;
        }

        consumer.Close();
        return new CeilingResult(records, last - first);
    }
}
