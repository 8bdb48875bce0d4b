using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using GanWatch.Streaming.Records;

namespace GanWatch.Streaming.Diagnostics;

/// <summary>
/// Running totals and gauges of one <see cref="Processing.StreamProcessor"/>. All members are thread-safe;
/// readers see each value atomically but not a consistent snapshot across values.
/// </summary>
public sealed class StreamCounters
{
    private const int LatencySampleCapacity = 1024;

    private readonly long[] _deadLettersByReason = new long[RejectReasonCodes.All.Count];
    private readonly double[] _latencySamples = new double[LatencySampleCapacity];
    private readonly object _latencyGate = new();
    private readonly ConcurrentDictionary<string, StrongBox<long>> _unseenCategories = new(StringComparer.Ordinal);
    private long _latencySampleCount;
    private long _recordsConsumed;
    private long _recordsReplayed;
    private long _warmUpRecords;
    private long _windowsScored;
    private long _batches;
    private long _alerts;
    private long _suppressedWindows;
    private long _outOfOrder;
    private long _duplicates;
    private long _pauses;
    private long _pendingWindows;
    private long _lastBatchLatencyTicks;
    private long _consumerPolls;
    private long _publishRetries;
    private long _publishBreakerOpenings;
    private long _publishPauses;
    private long _producerRecreations;
    private long _recordsAwaitingRetry;
    private long _scoredWindowSinkFailures;

    /// <summary>Records read for normal processing, excluding replayed ones.</summary>
    public long RecordsConsumed => Interlocked.Read(ref _recordsConsumed);

    /// <summary>Records read below the committed offset after an assignment, used only to rebuild windows.</summary>
    public long RecordsReplayed => Interlocked.Read(ref _recordsReplayed);

    /// <summary>Records that filled a series window without completing it (the first L-1 points of a series).</summary>
    public long WarmUpRecords => Interlocked.Read(ref _warmUpRecords);

    /// <summary>Windows scored by a model.</summary>
    public long WindowsScored => Interlocked.Read(ref _windowsScored);

    /// <summary>Batches passed to the scoring thread's models.</summary>
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>Alerts sent to the alert topic (counted when produced, before delivery).</summary>
    public long Alerts => Interlocked.Read(ref _alerts);

    /// <summary>Anomalous windows that sent no alert because an episode was already open.</summary>
    public long SuppressedWindows => Interlocked.Read(ref _suppressedWindows);

    /// <summary>Records whose timestamp was earlier than their series' last one, accepted or not.</summary>
    public long OutOfOrder => Interlocked.Read(ref _outOfOrder);

    /// <summary>Records whose timestamp equalled their series' last one, accepted or not.</summary>
    public long Duplicates => Interlocked.Read(ref _duplicates);

    /// <summary>Times the consumer paused its partitions because too many windows were pending.</summary>
    public long Pauses => Interlocked.Read(ref _pauses);

    /// <summary>Times an alert or dead-letter record was produced again after a failed delivery.</summary>
    public long PublishRetries => Interlocked.Read(ref _publishRetries);

    /// <summary>Times the publish circuit breaker opened.</summary>
    public long PublishBreakerOpenings => Interlocked.Read(ref _publishBreakerOpenings);

    /// <summary>Times the consumer paused its partitions because publishing was failing (breaker open or retry backlog full).</summary>
    public long PublishPauses => Interlocked.Read(ref _publishPauses);

    /// <summary>Times the producer was replaced after a fatal error.</summary>
    public long ProducerRecreations => Interlocked.Read(ref _producerRecreations);

    /// <summary>Alert and dead-letter records waiting for a retry now.</summary>
    public long RecordsAwaitingRetry => Interlocked.Read(ref _recordsAwaitingRetry);

    /// <summary>Times the <see cref="Scoring.IScoredWindowSink"/> threw; the windows were scored all the same.</summary>
    public long ScoredWindowSinkFailures => Interlocked.Read(ref _scoredWindowSinkFailures);

    /// <summary>Windows queued for or being scored now.</summary>
    public long PendingWindows => Interlocked.Read(ref _pendingWindows);

    /// <summary>Wall-clock time the last batch took, from taking it off the queue to the last alert being queued.</summary>
    public TimeSpan LastBatchLatency => TimeSpan.FromTicks(Interlocked.Read(ref _lastBatchLatencyTicks));

    /// <summary>Consumer lag per assigned input partition.</summary>
    public PartitionLag ConsumerLag { get; } = new();

    /// <summary>
    /// Heartbeat of the consumer thread: it grows on every poll (at least every 100 ms while the loop runs, records or
    /// not) and on every 5 ms step while a revoke waits for in-flight records. A value that stops growing while the
    /// processor runs means the consumer thread is stuck.
    /// </summary>
    public long ConsumerPolls => Interlocked.Read(ref _consumerPolls);

    /// <summary>
    /// Per categorical event field: values outside the vocabulary of the model that scored them, which took the field's
    /// unseen column. Fields that never had one are absent.
    /// </summary>
    public IReadOnlyDictionary<string, long> UnseenCategories() =>
        _unseenCategories.ToDictionary(pair => pair.Key, pair => Interlocked.Read(ref pair.Value.Value), StringComparer.Ordinal);

    /// <summary>Total dead-letter records sent.</summary>
    public long DeadLetters => _deadLettersByReason.Sum(count => Interlocked.Read(ref count));

    /// <summary>Returns the dead-letter records sent for <paramref name="reason"/>.</summary>
    public long DeadLettersFor(RejectReason reason) => Interlocked.Read(ref _deadLettersByReason[(int)reason]);

    /// <summary>
    /// Returns up to the last 1024 end-to-end latencies in milliseconds, oldest first: from the input record's Kafka
    /// timestamp to the end of its window's scoring.
    /// </summary>
    public double[] GetLatencySamples()
    {
        lock (_latencyGate)
        {
            int count = (int)Math.Min(_latencySampleCount, LatencySampleCapacity);
            var samples = new double[count];
            long first = _latencySampleCount - count;
            for (int i = 0; i < count; i++)
            {
                samples[i] = _latencySamples[(first + i) % LatencySampleCapacity];
            }

            return samples;
        }
    }

    internal void AddPoll() => Interlocked.Increment(ref _consumerPolls);

    internal void AddConsumed() => Interlocked.Increment(ref _recordsConsumed);

    internal void AddReplayed() => Interlocked.Increment(ref _recordsReplayed);

    internal void AddWarmUp() => Interlocked.Increment(ref _warmUpRecords);

    internal void AddBatch(int windows, TimeSpan latency)
    {
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _windowsScored, windows);
        Interlocked.Exchange(ref _lastBatchLatencyTicks, latency.Ticks);
    }

    internal void AddAlert() => Interlocked.Increment(ref _alerts);

    internal void AddSuppressed() => Interlocked.Increment(ref _suppressedWindows);

    internal void AddOutOfOrder() => Interlocked.Increment(ref _outOfOrder);

    internal void AddDuplicate() => Interlocked.Increment(ref _duplicates);

    internal void AddPause() => Interlocked.Increment(ref _pauses);

    internal void AddPublishRetry() => Interlocked.Increment(ref _publishRetries);

    internal void AddPublishBreakerOpening() => Interlocked.Increment(ref _publishBreakerOpenings);

    internal void AddPublishPause() => Interlocked.Increment(ref _publishPauses);

    internal void AddProducerRecreation() => Interlocked.Increment(ref _producerRecreations);

    internal void AddScoredWindowSinkFailure() => Interlocked.Increment(ref _scoredWindowSinkFailures);

    internal void SetRecordsAwaitingRetry(long count) => Interlocked.Exchange(ref _recordsAwaitingRetry, count);

    internal void SetPendingWindows(long pending) => Interlocked.Exchange(ref _pendingWindows, pending);

    internal void AddUnseenCategory(string field) =>
        Interlocked.Increment(ref _unseenCategories.GetOrAdd(field, _ => new StrongBox<long>()).Value);

    internal void AddDeadLetter(RejectReason reason) => Interlocked.Increment(ref _deadLettersByReason[(int)reason]);

    internal void AddLatencySample(TimeSpan latency)
    {
        lock (_latencyGate)
        {
            _latencySamples[_latencySampleCount % LatencySampleCapacity] = latency.TotalMilliseconds;
            _latencySampleCount++;
        }
    }
}
