using System.Diagnostics.CodeAnalysis;

namespace GanWatch.Streaming.Records;

/// <summary>The outcome of <see cref="RecordDecoder.Decode"/>: either a <see cref="Record"/> or a reason and message.</summary>
public readonly record struct DecodeResult
{
    private DecodeResult(InputRecord? record, RejectReason reason, string? error)
    {
        Record = record;
        Reason = reason;
        Error = error;
    }

    /// <summary>The decoded record, or <see langword="null"/> when decoding failed.</summary>
    public InputRecord? Record { get; }

    /// <summary>Why decoding failed; meaningless when <see cref="IsSuccess"/> is true.</summary>
    public RejectReason Reason { get; }

    /// <summary>A message naming the offending value, or <see langword="null"/> on success.</summary>
    public string? Error { get; }

    /// <summary>Whether the record decoded and passed validation.</summary>
    [MemberNotNullWhen(true, nameof(Record))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Record is not null;

    /// <summary>Creates a successful result.</summary>
    public static DecodeResult Success(InputRecord record) => new(record, default, null);

    /// <summary>Creates a failed result.</summary>
    public static DecodeResult Failure(RejectReason reason, string error) => new(null, reason, error);
}
