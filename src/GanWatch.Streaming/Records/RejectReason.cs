namespace GanWatch.Streaming.Records;

/// <summary>
/// Why a record was not scored. Each value has a stable code (see <see cref="RejectReasonCodes"/>) that goes into the
/// <c>ganwatch-reason</c> header of the dead-letter record and into the dead-letter counters.
/// </summary>
public enum RejectReason
{
    /// <summary>The key or value bytes are not valid UTF-8 (<c>invalid_utf8</c>).</summary>
    InvalidUtf8,

    /// <summary>The value is not a JSON object (<c>invalid_json</c>).</summary>
    InvalidJson,

    /// <summary>The record has neither a key nor a <c>series</c> field, or <c>series</c> is not a non-empty string (<c>missing_series</c>).</summary>
    MissingSeries,

    /// <summary>The value has neither <c>value</c> nor a non-empty <c>values</c> array (<c>missing_value</c>).</summary>
    MissingValue,

    /// <summary>A value is not a JSON number (<c>non_numeric_value</c>).</summary>
    NonNumericValue,

    /// <summary>A value does not fit a finite 32-bit float (<c>non_finite_value</c>).</summary>
    NonFiniteValue,

    /// <summary>The channel count differs from the routed model's (<c>channel_mismatch</c>).</summary>
    ChannelMismatch,

    /// <summary><c>ts</c> is missing, of the wrong type or not a valid time (<c>invalid_timestamp</c>).</summary>
    InvalidTimestamp,

    /// <summary>The value is larger than the configured maximum (<c>oversize_value</c>).</summary>
    OversizeValue,

    /// <summary>The timestamp is earlier than the series' last accepted timestamp (<c>out_of_order</c>).</summary>
    OutOfOrder,

    /// <summary>The timestamp equals the series' last accepted timestamp (<c>duplicate_timestamp</c>).</summary>
    DuplicateTimestamp,

    /// <summary>An event lacks a field of the event schema, or the field is JSON null (<c>missing_field</c>).</summary>
    MissingField,

    /// <summary>An event field has the wrong JSON type or a value out of range (<c>invalid_field</c>).</summary>
    InvalidField,
}
