namespace GanWatch.Streaming.Processing;

/// <summary>
/// Settings of a running <see cref="StreamProcessor"/> that can change without a restart. An immutable snapshot: a
/// change replaces the whole instance, so each thread sees either the old or the new values, never a mix.
/// </summary>
internal sealed record LiveSettings(
    int MaxBatchSize,
    TimeSpan MaxBatchWait,
    int MaxPendingWindows,
    int RewindRecords,
    OrderingPolicy OutOfOrderPolicy,
    OrderingPolicy DuplicateTimestampPolicy,
    int MaxValueBytes,
    int TopChannels,
    TimeSpan EpisodeQuietPeriod,
    double EpisodeEscalationFactor)
{
    /// <summary>Copies the live settings out of <paramref name="options"/>.</summary>
    public static LiveSettings From(StreamProcessorOptions options) => new(
        options.MaxBatchSize,
        options.MaxBatchWait,
        options.MaxPendingWindows,
        options.RewindRecords,
        options.OutOfOrderPolicy,
        options.DuplicateTimestampPolicy,
        options.MaxValueBytes,
        options.TopChannels,
        options.EpisodeQuietPeriod,
        options.EpisodeEscalationFactor);

    /// <summary>Returns the option names whose values differ between this snapshot and <paramref name="next"/>.</summary>
    public IReadOnlyList<string> ChangedIn(LiveSettings next)
    {
        var changed = new List<string>();
        AddIfChanged(changed, MaxBatchSize, next.MaxBatchSize, nameof(MaxBatchSize));
        AddIfChanged(changed, MaxBatchWait, next.MaxBatchWait, nameof(MaxBatchWait));
        AddIfChanged(changed, MaxPendingWindows, next.MaxPendingWindows, nameof(MaxPendingWindows));
        AddIfChanged(changed, RewindRecords, next.RewindRecords, nameof(RewindRecords));
        AddIfChanged(changed, OutOfOrderPolicy, next.OutOfOrderPolicy, nameof(OutOfOrderPolicy));
        AddIfChanged(changed, DuplicateTimestampPolicy, next.DuplicateTimestampPolicy, nameof(DuplicateTimestampPolicy));
        AddIfChanged(changed, MaxValueBytes, next.MaxValueBytes, nameof(MaxValueBytes));
        AddIfChanged(changed, TopChannels, next.TopChannels, nameof(TopChannels));
        AddIfChanged(changed, EpisodeQuietPeriod, next.EpisodeQuietPeriod, nameof(EpisodeQuietPeriod));
        AddIfChanged(changed, EpisodeEscalationFactor, next.EpisodeEscalationFactor, nameof(EpisodeEscalationFactor));
        return changed;
    }

    private static void AddIfChanged<T>(List<string> changed, T current, T next, string name)
    {
        if (!EqualityComparer<T>.Default.Equals(current, next))
        {
            changed.Add(name);
        }
    }
}
