namespace GanWatch.Streaming.Alerts;

/// <summary>One event field's part of an event's residual.</summary>
/// <param name="Field">The field name in the event.</param>
/// <param name="Share">This field's residual divided by the sum over all feature fields, 0 to 1.</param>
public readonly record struct FieldShare(string Field, double Share)
{
    /// <summary>Returns the <paramref name="max"/> fields with the largest residuals, largest first (ties in field order).</summary>
    /// <exception cref="ArgumentException">The residuals and field names differ in count.</exception>
    public static IReadOnlyList<FieldShare> Top(ReadOnlySpan<float> residuals, IReadOnlyList<string> fields, int max)
    {
        if (residuals.Length != fields.Count)
        {
            throw new ArgumentException($"Got {residuals.Length} residuals for {fields.Count} fields; an event model must return one residual per feature field.", nameof(residuals));
        }

        return ChannelShare.Top(residuals, max).Select(share => new FieldShare(fields[share.Channel], share.Share)).ToArray();
    }
}
