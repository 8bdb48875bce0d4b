namespace GanWatch.Reload;

/// <summary>The outcome of one configuration reload.</summary>
/// <param name="Trigger">What started it, for example <c>SIGHUP</c> or <c>file change</c>.</param>
/// <param name="Succeeded">True when the configuration was valid and its live settings now apply.</param>
/// <param name="Problems">Every problem found when the reload was rejected; empty on success.</param>
/// <param name="Changed">The live settings that changed, as configuration keys such as <c>Stream:TopChannels</c>.</param>
/// <param name="RestartRequired">Changed settings that keep their running values until a restart.</param>
public sealed record ReloadResult(
    string Trigger,
    bool Succeeded,
    IReadOnlyList<string> Problems,
    IReadOnlyList<string> Changed,
    IReadOnlyList<string> RestartRequired);
