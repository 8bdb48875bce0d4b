namespace GanWatch.Streaming.Processing;

/// <summary>The outcome of <see cref="StreamProcessor.UpdateSettings"/>.</summary>
/// <param name="Changed">Names of the live options whose new values now apply, for example <c>TopChannels</c>.</param>
/// <param name="RestartRequired">
/// Names of options whose new values differ from the running ones but apply only after a restart, for example
/// <c>BootstrapServers</c>. The processor keeps running with the old values.
/// </param>
public sealed record SettingsUpdateResult(IReadOnlyList<string> Changed, IReadOnlyList<string> RestartRequired);
