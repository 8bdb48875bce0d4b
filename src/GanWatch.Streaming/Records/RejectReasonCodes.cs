namespace GanWatch.Streaming.Records;

/// <summary>Stable snake_case codes for <see cref="RejectReason"/>, as written to dead-letter headers and metrics.</summary>
public static class RejectReasonCodes
{
    private static readonly string[] Codes =
    [
        "invalid_utf8", "invalid_json", "missing_series", "missing_value", "non_numeric_value", "non_finite_value",
        "channel_mismatch", "invalid_timestamp", "oversize_value", "out_of_order", "duplicate_timestamp", "missing_field",
        "invalid_field",
    ];

    /// <summary>Every reason, in declaration order.</summary>
    public static IReadOnlyList<RejectReason> All { get; } = Enum.GetValues<RejectReason>();

    /// <summary>Returns the stable code of <paramref name="reason"/>, for example <c>invalid_json</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="reason"/> is not a defined value.</exception>
    public static string ToCode(this RejectReason reason)
    {
        int index = (int)reason;
        if (index < 0 || index >= Codes.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(reason), reason, "Unknown reject reason.");
        }

        return Codes[index];
    }
}
