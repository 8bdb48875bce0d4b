using GanWatch.Streaming.Alerts;
using GanWatch.Streaming.Diagnostics;

namespace GanWatch.Demo;

/// <summary>What one KDD99 demo run observed.</summary>
/// <param name="Alerts">The alerts read back from the alert topic.</param>
/// <param name="AlertIsNormal">Per alert that maps to a replayed connection: whether it is labelled <c>normal.</c>, the anomaly class.</param>
/// <param name="Counters">The daemon's counters.</param>
/// <param name="RecordsProduced">Connections and malformed events replayed.</param>
/// <param name="ReplayedNormal">Replayed connections labelled <c>normal.</c>.</param>
/// <param name="TrainingTime">Time to train the model; zero when a model in the work folder was reused.</param>
/// <param name="ProcessingTime">Time from the daemon's start to its last record.</param>
internal sealed record Kdd99DemoResult(
    IReadOnlyList<Alert> Alerts,
    bool[] AlertIsNormal,
    StreamCounters Counters,
    int RecordsProduced,
    int ReplayedNormal,
    TimeSpan TrainingTime,
    TimeSpan ProcessingTime);
