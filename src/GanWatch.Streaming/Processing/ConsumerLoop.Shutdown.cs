using Confluent.Kafka;
using GanWatch.Streaming.Diagnostics;

namespace GanWatch.Streaming.Processing;

/// <summary>Graceful shutdown on the consumer thread.</summary>
internal sealed partial class ConsumerLoop
{
    /// <summary>
    /// Stops polling, lets the scoring thread finish the queued windows, flushes the producer, stores and commits the
    /// completed offsets and closes the consumer, all within <see cref="StreamProcessorOptions.ShutdownTimeout"/>.
    /// Records not finished by then stay uncommitted and are read again after a restart.
    /// </summary>
    private void Shutdown()
    {
        long started = _time.GetTimestamp();
        TimeSpan Remaining()
        {
            TimeSpan left = _options.ShutdownTimeout - _time.GetElapsedTime(started);
            return left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }

        Log.Stopping(_logger, _tracker.InFlightCount, _batcher.Pending);
        _batcher.Complete();
        if (_fault is not null)
        {
            _hardStop.Cancel();
        }

        bool scoringStopped = _scoring is null || _scoring.Join(Remaining());
        if (!scoringStopped)
        {
            _hardStop.Cancel();
            scoringStopped = _scoring!.Join(TimeSpan.FromSeconds(1));
        }

        Volatile.Write(ref _scoringStopped, scoringStopped);

        if (_producer is not null)
        {
            _producer.Flush(Remaining());
        }

        if (_consumer is not null)
        {
            _shuttingDown = true;
            DrainCompletions();
            StoreOffsets();
            if (_tracker.InFlightCount > 0)
            {
                Log.ShutdownTimedOut(_logger, _options.ShutdownTimeout, _tracker.InFlightCount);
            }

            CommitStored();
            _consumer.Close();
            _consumer.Dispose();
        }

        // A scoring thread stuck in a model may still produce, so its producer is left to the process exit.
        if (scoringStopped)
        {
            _producer?.Dispose();
        }
    }

    private void CommitStored()
    {
        try
        {
            _consumer!.Commit();
        }
        catch (KafkaException error) when (error.Error.Code == ErrorCode.Local_NoOffset)
        {
            // Nothing was stored since the last commit.
        }
        catch (KafkaException error)
        {
            Log.CommitFailed(_logger, error.Error.Reason);
        }
    }
}
