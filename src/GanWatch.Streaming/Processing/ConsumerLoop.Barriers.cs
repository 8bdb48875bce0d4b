namespace GanWatch.Streaming.Processing;

/// <summary>
/// Queue barriers: tasks that complete once every window queued before them has been scored. The consumer thread
/// places each barrier between two records, after the window of the previous record (if any) was queued, so a model
/// router swapped before the request can no longer be referenced by a window queued after the barrier.
/// </summary>
internal sealed partial class ConsumerLoop
{
    private readonly object _barrierGate = new();
    private readonly List<TaskCompletionSource> _barrierRequests = [];
    private readonly List<(long QueuedWindows, TaskCompletionSource Barrier)> _placedBarriers = [];
    private bool _barriersClosed;
    private bool _scoringStopped;

    /// <summary>Requests a barrier. Thread-safe; completes at once after the loop has stopped.</summary>
    public Task WhenQueuedWindowsScoredAsync()
    {
        var barrier = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_barrierGate)
        {
            if (!_barriersClosed)
            {
                _barrierRequests.Add(barrier);
                return barrier.Task;
            }
        }

        CloseBarrier(barrier);
        return barrier.Task;
    }

    /// <summary>Places requested barriers and completes those whose windows are all scored. Runs on the consumer thread between records.</summary>
    private void ReleaseQueueBarriers()
    {
        lock (_barrierGate)
        {
            foreach (TaskCompletionSource barrier in _barrierRequests)
            {
                _placedBarriers.Add((_batcher.Added, barrier));
            }

            _barrierRequests.Clear();
        }

        if (_placedBarriers.Count == 0)
        {
            return;
        }

        long scored = _batcher.Done;
        foreach ((long queued, TaskCompletionSource barrier) in _placedBarriers)
        {
            if (queued <= scored)
            {
                barrier.TrySetResult();
            }
        }

        _placedBarriers.RemoveAll(entry => entry.Barrier.Task.IsCompleted);
    }

    /// <summary>Completes every barrier once the loop has stopped. Runs on the consumer thread at the end of its run.</summary>
    private void CloseQueueBarriers()
    {
        List<TaskCompletionSource> barriers;
        lock (_barrierGate)
        {
            _barriersClosed = true;
            barriers = [.. _barrierRequests, .. _placedBarriers.Select(entry => entry.Barrier)];
            _barrierRequests.Clear();
        }

        _placedBarriers.Clear();
        foreach (TaskCompletionSource barrier in barriers)
        {
            CloseBarrier(barrier);
        }
    }

    private void CloseBarrier(TaskCompletionSource barrier)
    {
        // A scoring thread abandoned after the shutdown timeout may still be inside a model, so nobody may dispose it.
        if (Volatile.Read(ref _scoringStopped))
        {
            barrier.TrySetResult();
        }
        else
        {
            barrier.TrySetCanceled();
        }
    }
}
