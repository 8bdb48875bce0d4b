namespace GanWatch.Streaming.Alerts;

/// <summary>The result of <see cref="EpisodeTracker.Observe"/> for one window.</summary>
/// <param name="Anomalous">Whether the window was anomalous.</param>
/// <param name="SendAlert">Whether an alert must be sent for this window.</param>
/// <param name="StartedAt">Record time of the episode's first anomalous window, when in an episode.</param>
/// <param name="Windows">Anomalous windows in the episode so far, including this one.</param>
/// <param name="Suppressed">Anomalous windows not alerted since the last alert, excluding this one.</param>
public readonly record struct EpisodeDecision(bool Anomalous, bool SendAlert, DateTimeOffset? StartedAt, int Windows, int Suppressed);
