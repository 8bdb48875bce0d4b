using Confluent.Kafka;

namespace GanWatch.Streaming.Publishing;

/// <summary>Sorts failed delivery reports into those worth producing again and those that stop the processor.</summary>
internal static class PublishErrors
{
    /// <summary>
    /// Error codes after which the same record may succeed later: timeouts, lost connections, leader changes, a full
    /// local queue, and purges caused by a producer being replaced.
    /// </summary>
    private static readonly HashSet<ErrorCode> TransientCodes =
    [
        ErrorCode.Local_MsgTimedOut,
        ErrorCode.Local_TimedOut,
        ErrorCode.Local_Transport,
        ErrorCode.Local_AllBrokersDown,
        ErrorCode.Local_QueueFull,
        ErrorCode.Local_Fatal,
        ErrorCode.Local_PurgeQueue,
        ErrorCode.Local_PurgeInflight,
        ErrorCode.Local_Destroy,
        ErrorCode.NotLeaderForPartition,
        ErrorCode.LeaderNotAvailable,
        ErrorCode.RequestTimedOut,
        ErrorCode.NetworkException,
        ErrorCode.BrokerNotAvailable,
        ErrorCode.NotEnoughReplicas,
        ErrorCode.NotEnoughReplicasAfterAppend,
        ErrorCode.KafkaStorageError,
        ErrorCode.OutOfOrderSequenceNumber,
        ErrorCode.UnknownProducerId,
        ErrorCode.InvalidProducerEpoch,
    ];

    /// <summary>
    /// Returns true when producing the record again may succeed. Fatal producer errors count as transient because the
    /// producer is replaced before the retry.
    /// </summary>
    public static bool IsTransient(Error error) => error.IsFatal || TransientCodes.Contains(error.Code);
}
