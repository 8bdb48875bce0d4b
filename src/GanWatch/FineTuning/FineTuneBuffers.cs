using System.Collections.Immutable;
using GanWatch.Engine.FineTuning;
using GanWatch.Models;
using GanWatch.Streaming.Scoring;

namespace GanWatch.FineTuning;

/// <summary>
/// The recent normal windows of each unpinned model, fed by the stream processor with every scored window. Each model
/// source (repository directory) has its own <see cref="NormalWindowBuffer"/>, which survives swaps to newer versions of
/// the same shape.
/// </summary>
/// <remarks>
/// <see cref="OnWindowScored"/> runs on the scoring thread and costs one dictionary lookup plus the buffer's own work.
/// <see cref="Synchronize"/> runs on the fine-tuning thread after each catalog swap. Thread-safe.
/// </remarks>
internal sealed class FineTuneBuffers(FineTuneOptions options) : IScoredWindowSink
{
    private ImmutableDictionary<ModelSource, Entry> _entries = ImmutableDictionary<ModelSource, Entry>.Empty;

    /// <summary>The buffer of each unpinned model source.</summary>
    public IEnumerable<KeyValuePair<ModelSource, NormalWindowBuffer>> Buffers =>
        Volatile.Read(ref _entries).Select(entry => KeyValuePair.Create(entry.Key, entry.Value.Buffer));

    /// <inheritdoc />
    public void OnWindowScored(IWindowModel model, string seriesId, ReadOnlySpan<float> window, double score, double threshold, bool anomalous,
        DateTimeOffset windowEnd)
    {
        if (model is not EngineWindowModel engineModel
            || !Volatile.Read(ref _entries).TryGetValue(engineModel.Source, out Entry? entry)
            || window.Length != entry.Channels * entry.WindowLength)
        {
            return;
        }

        entry.Buffer.Observe(seriesId, window, score, threshold, anomalous, windowEnd);
    }

    /// <summary>Returns the buffer of <paramref name="source"/>, or null when it has none.</summary>
    public NormalWindowBuffer? BufferOf(ModelSource source) =>
        Volatile.Read(ref _entries).TryGetValue(source, out Entry? entry) ? entry.Buffer : null;

    /// <summary>
    /// Gives every unpinned series model of <paramref name="catalog"/> a buffer: an existing one when the model's shape is
    /// unchanged, else a new, empty one. Buffers of models no longer in the catalog are dropped. Event models get none:
    /// the validation gate injects its reference anomalies along a window, and an event is a window of one step.
    /// </summary>
    public void Synchronize(ModelCatalog catalog)
    {
        ImmutableDictionary<ModelSource, Entry> current = Volatile.Read(ref _entries);
        ImmutableDictionary<ModelSource, Entry>.Builder next = ImmutableDictionary.CreateBuilder<ModelSource, Entry>();
        foreach ((ModelSource source, EngineWindowModel model) in catalog.Models.Where(entry => !entry.Key.IsPinned && entry.Value is not EngineEventModel))
        {
            next[source] = current.TryGetValue(source, out Entry? kept) && kept.Channels == model.Channels && kept.WindowLength == model.WindowLength
                ? kept
                : new Entry(new NormalWindowBuffer(model.Channels, model.WindowLength, options), model.Channels, model.WindowLength);
        }

        Volatile.Write(ref _entries, next.ToImmutable());
    }

    private sealed record Entry(NormalWindowBuffer Buffer, int Channels, int WindowLength);
}
