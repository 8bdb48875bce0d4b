using Microsoft.Extensions.Logging;

namespace GanWatch.Streaming.Diagnostics;

/// <summary>Log messages of the streaming pipeline. Event ids are stable; add new ones, never renumber.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Starting stream processor: input topic {InputTopic}, group {GroupId}, bootstrap servers {BootstrapServers}")]
    public static partial void Starting(ILogger logger, string inputTopic, string groupId, string bootstrapServers);

    [LoggerMessage(2, LogLevel.Information, "Partitions assigned: {Partitions}")]
    public static partial void PartitionsAssigned(ILogger logger, string partitions);

    [LoggerMessage(3, LogLevel.Information, "Partitions revoked: {Partitions}")]
    public static partial void PartitionsRevoked(ILogger logger, string partitions);

    [LoggerMessage(4, LogLevel.Warning, "Partitions lost without a clean revoke: {Partitions}; their offsets were not committed")]
    public static partial void PartitionsLost(ILogger logger, string partitions);

    [LoggerMessage(5, LogLevel.Information, "Rewinding {Partition} to offset {StartOffset} to rebuild windows; scoring resumes at committed offset {CommittedOffset}")]
    public static partial void Rewinding(ILogger logger, string partition, long startOffset, long committedOffset);

    [LoggerMessage(6, LogLevel.Debug, "Dead-lettered {Topic} [{Partition}] @{Offset}: {Reason}: {Error}")]
    public static partial void DeadLettered(ILogger logger, string topic, int partition, long offset, string reason, string error);

    [LoggerMessage(7, LogLevel.Information, "Paused {PartitionCount} partition(s): {PendingWindows} windows pending")]
    public static partial void Paused(ILogger logger, int partitionCount, long pendingWindows);

    [LoggerMessage(8, LogLevel.Information, "Resumed {PartitionCount} partition(s): {PendingWindows} windows pending")]
    public static partial void Resumed(ILogger logger, int partitionCount, long pendingWindows);

    [LoggerMessage(9, LogLevel.Error, "Delivery to {Topic} failed for the record from {Source}: {Reason}")]
    public static partial void DeliveryFailed(ILogger logger, string topic, string source, string reason);

    [LoggerMessage(10, LogLevel.Warning, "Kafka {Client} error {Code}: {Reason}")]
    public static partial void KafkaError(ILogger logger, string client, string code, string reason);

    [LoggerMessage(11, LogLevel.Critical, "Fatal Kafka {Client} error {Code}: {Reason}; stopping")]
    public static partial void FatalKafkaError(ILogger logger, string client, string code, string reason);

    [LoggerMessage(12, LogLevel.Information, "Stopping stream processor: {InFlight} record(s) in flight, {PendingWindows} window(s) pending")]
    public static partial void Stopping(ILogger logger, int inFlight, long pendingWindows);

    [LoggerMessage(13, LogLevel.Information, "Stream processor stopped after {RecordsConsumed} record(s), {Alerts} alert(s), {DeadLetters} dead letter(s)")]
    public static partial void Stopped(ILogger logger, long recordsConsumed, long alerts, long deadLetters);

    [LoggerMessage(14, LogLevel.Warning, "Timed out after {Timeout} waiting for {InFlight} in-flight record(s) of revoked partitions {Partitions}; they will be processed again by the next owner")]
    public static partial void RevokeWaitTimedOut(ILogger logger, TimeSpan timeout, int inFlight, string partitions);

    [LoggerMessage(15, LogLevel.Warning, "Offset commit failed: {Reason}")]
    public static partial void CommitFailed(ILogger logger, string reason);

    [LoggerMessage(16, LogLevel.Error, "Stream processor failed")]
    public static partial void Failed(ILogger logger, Exception exception);

    [LoggerMessage(17, LogLevel.Warning, "Shutdown did not finish within {Timeout}: {InFlight} record(s) still in flight will be processed again after a restart")]
    public static partial void ShutdownTimedOut(ILogger logger, TimeSpan timeout, int inFlight);

    [LoggerMessage(18, LogLevel.Warning, "Consume failed on {Partition}: {Reason}")]
    public static partial void ConsumeFailed(ILogger logger, string partition, string reason);

    [LoggerMessage(19, LogLevel.Warning, "Storing offset {Offset} for {Partition} failed: {Reason}")]
    public static partial void StoreOffsetFailed(ILogger logger, long offset, string partition, string reason);

    [LoggerMessage(21, LogLevel.Error, "The scored-window sink failed on a window of series {SeriesId}; scoring continues ({Failures} failure(s) so far, logged at most every 30 s)")]
    public static partial void ScoredWindowSinkFailed(ILogger logger, string seriesId, long failures, Exception exception);

    [LoggerMessage(40, LogLevel.Warning, "Producing a failed record again, retry {Attempt} after {Delay}: {Reason}")]
    public static partial void PublishRetrying(ILogger logger, int attempt, TimeSpan delay, string reason);

    [LoggerMessage(41, LogLevel.Error, "Publish circuit breaker opened for {BreakDuration}: {Reason}; the consumer pauses")]
    public static partial void PublishBreakerOpened(ILogger logger, TimeSpan breakDuration, string reason);

    [LoggerMessage(42, LogLevel.Information, "Publish circuit breaker half-open: the next retry probes the brokers")]
    public static partial void PublishBreakerHalfOpened(ILogger logger);

    [LoggerMessage(43, LogLevel.Information, "Publish circuit breaker closed")]
    public static partial void PublishBreakerClosed(ILogger logger);

    [LoggerMessage(44, LogLevel.Warning, "Replaced the producer after fatal error {Code}: {Reason}; failed records are produced again")]
    public static partial void ProducerRecreated(ILogger logger, string code, string reason);

    [LoggerMessage(45, LogLevel.Warning, "Paused {PartitionCount} partition(s) while publishing fails: {AwaitingRetry} record(s) wait for a retry")]
    public static partial void PausedForPublishing(ILogger logger, int partitionCount, long awaitingRetry);

    [LoggerMessage(50, LogLevel.Information, "Created model topic {Topic} with cleanup.policy=compact")]
    public static partial void ModelTopicCreated(ILogger logger, string topic);

    [LoggerMessage(51, LogLevel.Information, "Published model {Lineage}/{Version} ({Bytes} bytes in {Chunks} chunk(s)) to {Topic}")]
    public static partial void ModelPackagePublished(ILogger logger, string lineage, string version, int bytes, int chunks, string topic);

    [LoggerMessage(52, LogLevel.Information, "Deleted model {Lineage}/{Version} ({Chunks} chunk(s)) from {Topic} with tombstones")]
    public static partial void ModelPackageDeleted(ILogger logger, string lineage, string version, int chunks, string topic);

    [LoggerMessage(53, LogLevel.Information, "Reading model topic {Topic} from the beginning of partition(s) {Partitions}")]
    public static partial void ModelTopicAssigned(ILogger logger, string topic, string partitions);

    [LoggerMessage(54, LogLevel.Information, "Model topic {Topic} does not exist yet; no published model to load, checking again every {Interval}")]
    public static partial void ModelTopicMissing(ILogger logger, string topic, TimeSpan interval);

    [LoggerMessage(55, LogLevel.Warning, "Reading the metadata of model topic {Topic} failed: {Reason}; retrying every second")]
    public static partial void ModelTopicUnavailable(ILogger logger, string topic, string reason);

    [LoggerMessage(56, LogLevel.Information, "Read model topic {Topic} to its end; newest model per lineage: {Models}")]
    public static partial void ModelTopicRead(ILogger logger, string topic, string models);

    [LoggerMessage(57, LogLevel.Warning, "Model package {Package} in {Topic} is incomplete; it is used once its missing chunks arrive")]
    public static partial void ModelPackageIncomplete(ILogger logger, string package, string topic);

    [LoggerMessage(58, LogLevel.Warning, "Skipped record {Partition}@{Offset} of model topic {Topic}: {Problem}")]
    public static partial void ModelChunkSkipped(ILogger logger, int partition, long offset, string topic, string problem);

    [LoggerMessage(59, LogLevel.Information, "Read model package {Lineage}/{Version}: {Bytes} bytes in {Chunks} chunk(s), checksum verified")]
    public static partial void ModelPackageRead(ILogger logger, string lineage, string version, int bytes, int chunks);

    [LoggerMessage(60, LogLevel.Error, "A handler of model package {Lineage}/{Version} failed")]
    public static partial void ModelPackageHandlerFailed(ILogger logger, string lineage, string version, Exception exception);

    [LoggerMessage(61, LogLevel.Error, "The reader of model topic {Topic} failed and stopped")]
    public static partial void ModelReaderFailed(ILogger logger, string topic, Exception exception);
}
