using Microsoft.Extensions.Logging;

namespace GanWatch.Reload;

/// <summary>Log messages of configuration reloads. Event ids are stable; add new ones, never renumber.</summary>
internal static partial class ReloadLog
{
    [LoggerMessage(300, LogLevel.Information, "Reloading configuration ({Trigger})")]
    public static partial void Starting(ILogger logger, string trigger);

    [LoggerMessage(301, LogLevel.Information, "Configuration reloaded ({Trigger}); changed: {Changed}")]
    public static partial void Applied(ILogger logger, string trigger, string changed);

    [LoggerMessage(302, LogLevel.Error, "Configuration reload ({Trigger}) rejected, the running configuration stays; {ProblemCount} problem(s): {Problems}")]
    public static partial void Rejected(ILogger logger, string trigger, int problemCount, string problems);

    [LoggerMessage(303, LogLevel.Warning, "Configuration reload ({Trigger}): {Settings} changed but take effect only after a restart; the running values stay")]
    public static partial void RestartRequired(ILogger logger, string trigger, string settings);

    [LoggerMessage(305, LogLevel.Error, "Configuration reload ({Trigger}) failed unexpectedly; the running configuration stays")]
    public static partial void Failed(ILogger logger, string trigger, Exception exception);

    [LoggerMessage(307, LogLevel.Warning, "A handler of the configuration reload event failed")]
    public static partial void HandlerFailed(ILogger logger, Exception exception);
}
