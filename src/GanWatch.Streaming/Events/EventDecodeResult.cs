using System.Diagnostics.CodeAnalysis;
using GanWatch.Streaming.Records;

namespace GanWatch.Streaming.Events;

/// <summary>The outcome of <see cref="EventDecoder.Decode"/>: either an <see cref="EventRecord"/> or a reason, a message and the field at fault.</summary>
public readonly record struct EventDecodeResult
{
    private EventDecodeResult(EventRecord? record, RejectReason reason, string? error, string? field)
    {
        Event = record;
        Reason = reason;
        Error = error;
        Field = field;
    }

    /// <summary>The decoded event, or <see langword="null"/> when decoding failed.</summary>
    public EventRecord? Event { get; }

    /// <summary>Why decoding failed; meaningless when <see cref="IsSuccess"/> is true.</summary>
    public RejectReason Reason { get; }

    /// <summary>A message naming the offending field and value, or <see langword="null"/> on success.</summary>
    public string? Error { get; }

    /// <summary>The schema field at fault, or null when the failure is not about one field (for example invalid JSON).</summary>
    public string? Field { get; }

    /// <summary>Whether the event decoded and passed validation.</summary>
    [MemberNotNullWhen(true, nameof(Event))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Event is not null;

    /// <summary>Creates a successful result.</summary>
    public static EventDecodeResult Success(EventRecord record) => new(record, default, null, null);

    /// <summary>Creates a failed result.</summary>
    public static EventDecodeResult Failure(RejectReason reason, string error, string? field = null) => new(null, reason, error, field);
}
