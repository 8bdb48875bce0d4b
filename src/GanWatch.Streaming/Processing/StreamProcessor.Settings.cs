using System.Text.Json;

namespace GanWatch.Streaming.Processing;

/// <summary>Settings changes while the processor runs.</summary>
public sealed partial class StreamProcessor
{
    /// <summary>
    /// Applies the live settings of <paramref name="next"/>: batch size and wait, pending-window limit, rewind depth,
    /// ordering policies, value size limit, top channels and the episode rule. The consumer thread uses them from its
    /// next record and the scoring thread from its next batch, so no record is dropped or processed twice. Series keep
    /// their open episodes, which continue under the new rule.
    /// </summary>
    /// <remarks>
    /// Thread-safe; callable before, during or after <see cref="RunAsync"/>. Options that shape the Kafka clients
    /// (brokers, group, topics, timeouts, extra client settings) and the event schema keep their running values and
    /// are returned in <see cref="SettingsUpdateResult.RestartRequired"/> when <paramref name="next"/> changes them.
    /// </remarks>
    /// <exception cref="ArgumentException"><paramref name="next"/> is invalid; the message lists every problem.</exception>
    public SettingsUpdateResult UpdateSettings(StreamProcessorOptions next)
    {
        ArgumentNullException.ThrowIfNull(next);
        next.ThrowIfInvalid();
        LiveSettings snapshot = LiveSettings.From(next);
        LiveSettings previous = _live.Exchange(snapshot);
        return new SettingsUpdateResult(previous.ChangedIn(snapshot), RestartRequiredChanges(_options, next));
    }

    /// <summary>
    /// Completes once every window queued so far has been scored, including a window the consumer thread is building
    /// at the time of the call. After a model router swap this means no queued window refers to a model that the new
    /// router no longer returns, so such a model can be disposed.
    /// </summary>
    /// <remarks>
    /// The consumer thread notices the request within one poll (100 ms) unless a rebalance holds it. The task completes
    /// at once when the processor has not started or has stopped. It is cancelled when the processor stops while its
    /// scoring thread is still inside a model after the shutdown timeout, because that model may still be in use.
    /// </remarks>
    /// <param name="cancellationToken">Stops the wait.</param>
    public Task WhenQueuedWindowsScoredAsync(CancellationToken cancellationToken = default)
    {
        ConsumerLoop? loop = Volatile.Read(ref _loop);
        return loop is null ? Task.CompletedTask : loop.WhenQueuedWindowsScoredAsync().WaitAsync(cancellationToken);
    }

    private static List<string> RestartRequiredChanges(StreamProcessorOptions running, StreamProcessorOptions next)
    {
        var changed = new List<string>();
        AddIfChanged(changed, running.BootstrapServers, next.BootstrapServers, nameof(StreamProcessorOptions.BootstrapServers));
        AddIfChanged(changed, running.GroupId, next.GroupId, nameof(StreamProcessorOptions.GroupId));
        AddIfChanged(changed, running.InputTopic, next.InputTopic, nameof(StreamProcessorOptions.InputTopic));
        AddIfChanged(changed, running.AlertTopic, next.AlertTopic, nameof(StreamProcessorOptions.AlertTopic));
        AddIfChanged(changed, running.DeadLetterTopic, next.DeadLetterTopic, nameof(StreamProcessorOptions.DeadLetterTopic));
        AddIfChanged(changed, running.SessionTimeout, next.SessionTimeout, nameof(StreamProcessorOptions.SessionTimeout));
        AddIfChanged(changed, running.AutoCommitInterval, next.AutoCommitInterval, nameof(StreamProcessorOptions.AutoCommitInterval));
        AddIfChanged(changed, running.ShutdownTimeout, next.ShutdownTimeout, nameof(StreamProcessorOptions.ShutdownTimeout));
        if (!SameEntries(running.ConsumerConfig, next.ConsumerConfig))
        {
            changed.Add(nameof(StreamProcessorOptions.ConsumerConfig));
        }

        if (running.EventSchema is null ? next.EventSchema is not null : !running.EventSchema.SameAs(next.EventSchema))
        {
            changed.Add(nameof(StreamProcessorOptions.EventSchema));
        }

        if (!SameEntries(running.ProducerConfig, next.ProducerConfig))
        {
            changed.Add(nameof(StreamProcessorOptions.ProducerConfig));
        }

        // Both shape the Kafka clients and the publish pipeline built at start-up. They are compared by their JSON form,
        // which is never logged: Security may hold secrets.
        if (JsonSerializer.Serialize(running.Security) != JsonSerializer.Serialize(next.Security))
        {
            changed.Add(nameof(StreamProcessorOptions.Security));
        }

        if (JsonSerializer.Serialize(running.PublishResilience) != JsonSerializer.Serialize(next.PublishResilience))
        {
            changed.Add(nameof(StreamProcessorOptions.PublishResilience));
        }

        return changed;
    }

    private static void AddIfChanged<T>(List<string> changed, T running, T next, string name)
    {
        if (!EqualityComparer<T>.Default.Equals(running, next))
        {
            changed.Add(name);
        }
    }

    private static bool SameEntries(Dictionary<string, string> running, Dictionary<string, string> next) =>
        running.Count == next.Count
        && running.All(entry => next.TryGetValue(entry.Key, out string? value) && value == entry.Value);
}
