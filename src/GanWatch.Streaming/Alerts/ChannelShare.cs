namespace GanWatch.Streaming.Alerts;

/// <summary>One channel's part of a window's residual.</summary>
/// <param name="Channel">Zero-based channel index.</param>
/// <param name="Share">This channel's residual divided by the sum over all channels, 0 to 1.</param>
public readonly record struct ChannelShare(int Channel, double Share)
{
    /// <summary>Returns the <paramref name="max"/> channels with the largest residuals, largest first (ties by lower index).</summary>
    public static IReadOnlyList<ChannelShare> Top(ReadOnlySpan<float> residuals, int max)
    {
        double total = 0;
        foreach (float residual in residuals)
        {
            total += Math.Max(0, residual);
        }

        var shares = new List<ChannelShare>(residuals.Length);
        for (int channel = 0; channel < residuals.Length; channel++)
        {
            double share = total > 0 ? Math.Max(0, residuals[channel]) / total : 0;
            shares.Add(new ChannelShare(channel, share));
        }

        return shares
            .OrderByDescending(s => s.Share)
            .ThenBy(s => s.Channel)
            .Take(Math.Max(0, max))
            .ToArray();
    }
}
