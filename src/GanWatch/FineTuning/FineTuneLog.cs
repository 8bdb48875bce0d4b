using Microsoft.Extensions.Logging;

namespace GanWatch.FineTuning;

/// <summary>Log messages of fine-tuning and of the model topic. Event ids are stable; add new ones, never renumber.</summary>
internal static partial class FineTuneLog
{
    [LoggerMessage(400, LogLevel.Information, "Fine-tuning is on: interval {IntervalWindows} admitted windows or {Interval}, keeping {KeepVersions} versions; {Models}")]
    public static partial void Enabled(ILogger logger, long intervalWindows, TimeSpan interval, int keepVersions, string models);

    [LoggerMessage(401, LogLevel.Information, "Fine-tuning {Model} version {Version} ({Trigger}) on {Windows} buffered windows")]
    public static partial void RunStarting(ILogger logger, string model, string version, string trigger, int windows);

    [LoggerMessage(402, LogLevel.Information, "Fine-tuning {Model} skipped: {Reason}")]
    public static partial void RunSkipped(ILogger logger, string model, string reason);

    [LoggerMessage(403, LogLevel.Warning, "Fine-tuned candidate of {Model} rejected after {Duration}: {Reason}; live AUC {LiveAuc:F4}, candidate AUC {CandidateAuc:F4}, score rise {ScoreRise:P1}; the live model stays")]
    public static partial void RunRejected(ILogger logger, string model, TimeSpan duration, string reason, double liveAuc, double candidateAuc, double scoreRise);

    [LoggerMessage(404, LogLevel.Information, "Fine-tuned candidate of {Model} accepted after {Duration}: {Reason}")]
    public static partial void RunAccepted(ILogger logger, string model, TimeSpan duration, string reason);

    [LoggerMessage(405, LogLevel.Error, "Fine-tuning {Model} failed; the live model stays")]
    public static partial void RunFailed(ILogger logger, string model, Exception exception);

    [LoggerMessage(406, LogLevel.Information, "Swapped in model {Model} version {Version} ({Origin}), replacing version {PreviousVersion}")]
    public static partial void Swapped(ILogger logger, string model, string version, string origin, string previousVersion);

    [LoggerMessage(407, LogLevel.Warning, "Discarded model {Model} version {Version} ({Origin}): the live model changed to {LiveVersion} meanwhile, by a reload or another swap")]
    public static partial void SwapDiscarded(ILogger logger, string model, string version, string origin, string liveVersion);

    [LoggerMessage(408, LogLevel.Error, "Saving the fine-tuned model of {Model} to its repository failed; the live model stays")]
    public static partial void SaveFailed(ILogger logger, string model, Exception exception);

    [LoggerMessage(409, LogLevel.Error, "Publishing model {Lineage} version {Version} to topic {Topic} failed; this instance uses it, but others do not get it until the next accepted version is published")]
    public static partial void PublishFailed(ILogger logger, string lineage, string version, string topic, Exception exception);

    [LoggerMessage(410, LogLevel.Information, "Imported model {Lineage} version {Version} from topic {Topic} into {Model}")]
    public static partial void Imported(ILogger logger, string lineage, string version, string topic, string model);

    [LoggerMessage(411, LogLevel.Error, "Importing model {Lineage} version {Version} from topic {Topic} into {Model} failed; the live model stays")]
    public static partial void ImportFailed(ILogger logger, string lineage, string version, string topic, string model, Exception exception);

    [LoggerMessage(412, LogLevel.Information, "Fine-tuning requested by SIGUSR1")]
    public static partial void Requested(ILogger logger);

    [LoggerMessage(413, LogLevel.Information, "Fine-tuning request ignored: FineTune:Enabled is false")]
    public static partial void RequestIgnoredDisabled(ILogger logger);

    [LoggerMessage(414, LogLevel.Information, "Fine-tuning request ignored: this instance does not own partition 0 of the input topic, so the owner fine-tunes")]
    public static partial void RequestIgnoredNotOwner(ILogger logger);

    [LoggerMessage(415, LogLevel.Information, "Model {Model} is pinned to version {Version}; fine-tuning and the model topic never replace it")]
    public static partial void Pinned(ILogger logger, string model, string version);

    [LoggerMessage(416, LogLevel.Error, "The fine-tuning loop failed; it retries in {Delay}")]
    public static partial void LoopFailed(ILogger logger, TimeSpan delay, Exception exception);

    [LoggerMessage(417, LogLevel.Information, "Reading model topic {Topic} before the stream starts")]
    public static partial void ReadingTopic(ILogger logger, string topic);

    [LoggerMessage(418, LogLevel.Warning, "Deleting old model versions of {Lineage} from topic {Topic} failed; they stay on the topic until the next publish")]
    public static partial void TopicPruneFailed(ILogger logger, string lineage, string topic, Exception exception);
}
