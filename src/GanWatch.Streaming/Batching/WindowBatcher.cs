namespace GanWatch.Streaming.Batching;

/// <summary>
/// Queue of complete windows between the consumer thread and the scoring thread, handing them out in batches.
/// </summary>
/// <remarks>
/// <see cref="Add"/> never blocks: the consumer bounds the queue by pausing its partitions when <see cref="Pending"/>
/// reaches the limit. <see cref="Pending"/> counts queued windows plus those taken but not yet marked done, so it covers
/// the batch being scored. Thread-safe.
/// </remarks>
internal sealed class WindowBatcher
{
    private readonly Queue<PendingWindow> _queue = new();
    private readonly object _gate = new();
    private bool _completed;
    private long _pending;
    private long _added;
    private long _done;

    /// <summary>Windows queued or taken and not yet marked done.</summary>
    public long Pending => Interlocked.Read(ref _pending);

    /// <summary>Windows queued since creation.</summary>
    public long Added => Interlocked.Read(ref _added);

    /// <summary>Windows marked done since creation. Windows are scored in queue order, so the first <see cref="Done"/> queued windows are finished.</summary>
    public long Done => Interlocked.Read(ref _done);

    /// <summary>Queues a window. Called from the consumer thread.</summary>
    /// <exception cref="InvalidOperationException"><see cref="Complete"/> was called.</exception>
    public void Add(PendingWindow window)
    {
        lock (_gate)
        {
            if (_completed)
            {
                throw new InvalidOperationException("The window batcher was completed; no windows can be added after shutdown starts.");
            }

            _queue.Enqueue(window);
            Interlocked.Increment(ref _pending);
            Interlocked.Increment(ref _added);
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>
    /// Waits for at least one window, then fills <paramref name="batch"/> with up to <paramref name="maxCount"/> windows,
    /// waiting at most <paramref name="maxWait"/> after the first for the batch to fill.
    /// </summary>
    /// <returns>False when the batcher is completed and empty, or <paramref name="cancellationToken"/> was cancelled.</returns>
    public bool TryTakeBatch(List<PendingWindow> batch, int maxCount, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        batch.Clear();
        using CancellationTokenRegistration registration = cancellationToken.Register(WakeAll);
        lock (_gate)
        {
            while (_queue.Count == 0)
            {
                if (_completed || cancellationToken.IsCancellationRequested)
                {
                    return false;
                }

                Monitor.Wait(_gate);
            }

            long deadline = Environment.TickCount64 + (long)maxWait.TotalMilliseconds;
            while (_queue.Count < maxCount && !_completed && !cancellationToken.IsCancellationRequested)
            {
                long remaining = deadline - Environment.TickCount64;
                if (remaining <= 0 || !Monitor.Wait(_gate, (int)remaining))
                {
                    break;
                }
            }

            while (batch.Count < maxCount && _queue.TryDequeue(out PendingWindow? window))
            {
                batch.Add(window);
            }

            return !cancellationToken.IsCancellationRequested;
        }
    }

    /// <summary>Marks <paramref name="count"/> taken windows as done, lowering <see cref="Pending"/>.</summary>
    public void MarkDone(int count)
    {
        Interlocked.Add(ref _done, count);
        Interlocked.Add(ref _pending, -count);
    }

    /// <summary>Stops accepting windows; <see cref="TryTakeBatch"/> returns false once the queue is empty.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            _completed = true;
            Monitor.PulseAll(_gate);
        }
    }

    private void WakeAll()
    {
        lock (_gate)
        {
            Monitor.PulseAll(_gate);
        }
    }
}
