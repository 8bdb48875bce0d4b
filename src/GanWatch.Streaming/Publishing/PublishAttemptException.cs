using Confluent.Kafka;

namespace GanWatch.Streaming.Publishing;

/// <summary>One failed attempt to deliver an alert or dead-letter record, as seen by the retry pipeline.</summary>
internal sealed class PublishAttemptException(Error error, int failedAttempts = 0)
    : Exception($"Delivery attempt failed: {error.Code}: {error.Reason}")
{
    /// <summary>Failed delivery attempts of the record including this one; 0 until the retry pipeline counts it.</summary>
    public int FailedAttempts { get; } = failedAttempts;

    /// <summary>Kafka error of the delivery report or of the produce call.</summary>
    public Error Error { get; } = error;

    /// <summary>Whether producing the record again may succeed; see <see cref="PublishErrors.IsTransient"/>.</summary>
    public bool IsTransient => PublishErrors.IsTransient(Error);
}
