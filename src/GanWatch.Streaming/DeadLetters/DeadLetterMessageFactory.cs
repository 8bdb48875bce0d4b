using System.Globalization;
using System.Text;
using Confluent.Kafka;
using GanWatch.Streaming.Records;

namespace GanWatch.Streaming.DeadLetters;

/// <summary>Builds dead-letter records: the original key, value and headers plus the <see cref="DeadLetterHeaders"/>.</summary>
public static class DeadLetterMessageFactory
{
    /// <summary>Creates the dead-letter message for <paramref name="source"/>. Thread-safe; does not modify the source.</summary>
    /// <param name="source">The rejected record as consumed.</param>
    /// <param name="reason">Why it was rejected.</param>
    /// <param name="error">Message naming the offending value.</param>
    /// <param name="field">The event field at fault, written to <see cref="DeadLetterHeaders.Field"/>; null for none.</param>
    public static Message<byte[]?, byte[]?> Create(ConsumeResult<byte[]?, byte[]?> source, RejectReason reason, string error, string? field = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        var headers = new Headers();
        if (source.Message.Headers is not null)
        {
            foreach (IHeader header in source.Message.Headers)
            {
                headers.Add(header.Key, header.GetValueBytes());
            }
        }

        headers.Add(DeadLetterHeaders.Reason, Encoding.UTF8.GetBytes(reason.ToCode()));
        headers.Add(DeadLetterHeaders.Error, Encoding.UTF8.GetBytes(error));
        headers.Add(DeadLetterHeaders.SourceTopic, Encoding.UTF8.GetBytes(source.Topic));
        headers.Add(DeadLetterHeaders.SourcePartition, Encoding.UTF8.GetBytes(source.Partition.Value.ToString(CultureInfo.InvariantCulture)));
        headers.Add(DeadLetterHeaders.SourceOffset, Encoding.UTF8.GetBytes(source.Offset.Value.ToString(CultureInfo.InvariantCulture)));
        if (field is not null)
        {
            headers.Add(DeadLetterHeaders.Field, Encoding.UTF8.GetBytes(field));
        }

        return new Message<byte[]?, byte[]?>
        {
            Key = source.Message.Key,
            Value = source.Message.Value,
            Headers = headers,
        };
    }
}
