namespace GanWatch.Streaming.Alerts;

/// <summary>Episode state carried by an alert.</summary>
/// <param name="StartedAt">Record time of the episode's first anomalous window.</param>
/// <param name="Windows">Anomalous windows in the episode so far.</param>
/// <param name="Suppressed">Anomalous windows suppressed since the previous alert of the episode.</param>
public sealed record AlertEpisode(DateTimeOffset StartedAt, int Windows, int Suppressed);
