using Confluent.Kafka;
using GanWatch.Streaming.Alerts;
using GanWatch.Streaming.Scoring;
using GanWatch.Streaming.Windows;

namespace GanWatch.Streaming.Processing;

/// <summary>
/// Per-series state. The consumer thread owns <see cref="Model"/>, <see cref="Window"/> and <see cref="Partition"/>;
/// the scoring thread owns <see cref="Threshold"/>, <see cref="ThresholdModel"/> and <see cref="Episode"/>.
/// </summary>
internal sealed class SeriesState(string seriesId, IWindowModel model, TopicPartition partition, EpisodeTracker episode)
{
    /// <summary>Series id.</summary>
    public string SeriesId { get; } = seriesId;

    /// <summary>Model routed to this series when the window was created.</summary>
    public IWindowModel Model { get; set; } = model;

    /// <summary>Last points of the series.</summary>
    public SeriesWindow Window { get; set; } = new(model.WindowLength, model.Channels);

    /// <summary>Partition the series' latest record came from; the state is dropped when it is revoked.</summary>
    public TopicPartition Partition { get; set; } = partition;

    /// <summary>Threshold, created on the scoring thread from the model that first scored this series.</summary>
    public ISeriesThreshold? Threshold { get; set; }

    /// <summary>The model whose calibration <see cref="Threshold"/> started from.</summary>
    public IWindowModel? ThresholdModel { get; set; }

    /// <summary>Episode state of this series.</summary>
    public EpisodeTracker Episode { get; } = episode;
}
