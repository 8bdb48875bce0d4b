using GanWatch.Engine.Data;
using GanWatch.Engine.Normalization;

namespace GanWatch.Engine.FineTuning;

/// <summary>
/// Builds a seeded set of labelled anomalies from normal windows, for comparing how well two models separate anomalies
/// from normal data. Magnitudes are in standard deviations of each channel's training data, so that they mean the same
/// to every model that shares a normaliser.
/// </summary>
public static class ReferenceAnomalies
{
    /// <summary>The kinds, in the order <see cref="Create"/> returns them.</summary>
    public static IReadOnlyList<ReferenceAnomalyKind> Kinds { get; } =
        [ReferenceAnomalyKind.Spike, ReferenceAnomalyKind.LevelShift, ReferenceAnomalyKind.NoiseBurst, ReferenceAnomalyKind.FlatLine];

    /// <summary>
    /// Returns <paramref name="perKind"/> anomalous windows of each kind in <see cref="Kinds"/>, kind by kind. Each is a
    /// copy of a window drawn at random from <paramref name="normals"/>, with one anomaly in one random channel.
    /// </summary>
    /// <param name="normals">Raw normal windows to copy; at least one.</param>
    /// <param name="scale">The normaliser whose per-channel scale sets the magnitudes.</param>
    /// <param name="perKind">Windows of each kind; at least 1.</param>
    /// <param name="seed">Seed of the choice of windows, channels, positions and magnitudes.</param>
    /// <exception cref="ArgumentException">The windows are empty, or their channel count differs from the normaliser's.</exception>
    public static WindowBatch Create(WindowBatch normals, Normalizer scale, int perKind, int seed)
    {
        ArgumentNullException.ThrowIfNull(normals);
        ArgumentNullException.ThrowIfNull(scale);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perKind);
        if (normals.Count == 0)
        {
            throw new ArgumentException("Reference anomalies need at least one normal window to inject into.", nameof(normals));
        }

        scale.EnsureChannels(normals.Channels);
        var scales = Enumerable.Range(0, scale.Channels).Select(scale.Scale).ToArray();
        int windowSize = normals.Channels * normals.Length;
        int count = perKind * Kinds.Count;
        var values = new float[(long)count * windowSize];
        var random = new Random(seed);
        for (int i = 0; i < count; i++)
        {
            var window = values.AsSpan(i * windowSize, windowSize);
            normals.Values.AsSpan(random.Next(normals.Count) * windowSize, windowSize).CopyTo(window);
            Inject(window, normals.Channels, normals.Length, Kinds[i / perKind], scales, random);
        }

        return new WindowBatch(values, count, normals.Channels, normals.Length);
    }

    /// <summary>Injects one anomaly of <paramref name="kind"/> into one random channel of <paramref name="window"/> ([channels, length]).</summary>
    /// <param name="window">The window to change in place.</param>
    /// <param name="channels">Channels of the window.</param>
    /// <param name="length">Steps of the window; at least 4.</param>
    /// <param name="kind">The anomaly.</param>
    /// <param name="channelScales">The standard deviation of each channel, in raw units.</param>
    /// <param name="random">Source of the channel, position, sign and magnitude.</param>
    /// <exception cref="ArgumentException">The sizes do not match.</exception>
    public static void Inject(Span<float> window, int channels, int length, ReferenceAnomalyKind kind, IReadOnlyList<float> channelScales, Random random)
    {
        ArgumentNullException.ThrowIfNull(channelScales);
        ArgumentNullException.ThrowIfNull(random);
        if (window.Length != channels * length || channelScales.Count != channels || length < 4)
        {
            throw new ArgumentException(
                $"The window has {window.Length} values and {channelScales.Count} channel scales, but {channels} channels x {length} steps " +
                "(at least 4) need that many values and one scale per channel.");
        }

        int channel = random.Next(channels);
        var series = window.Slice(channel * length, length);
        float sigma = channelScales[channel];
        float sign = random.Next(2) == 0 ? -1 : 1;
        switch (kind)
        {
            case ReferenceAnomalyKind.Spike:
                series[random.Next(length)] += sign * sigma * Between(random, 4, 8);
                break;

            case ReferenceAnomalyKind.LevelShift:
                float shift = sign * sigma * Between(random, 2, 4);
                for (int t = (length / 4) + random.Next(length / 2); t < length; t++)
                {
                    series[t] += shift;
                }

                break;

            case ReferenceAnomalyKind.NoiseBurst:
                int burst = Math.Max(2, length / 4);
                int burstStart = random.Next(length - burst + 1);
                for (int t = burstStart; t < burstStart + burst; t++)
                {
                    series[t] += 2 * sigma * StandardNormal(random);
                }

                break;

            case ReferenceAnomalyKind.FlatLine:
                int flat = length / 2;
                int flatStart = random.Next(length - flat + 1);
                series.Slice(flatStart, flat).Fill(series[flatStart]);
                break;

            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Use Spike, LevelShift, NoiseBurst or FlatLine.");
        }
    }

    private static float Between(Random random, double low, double high) => (float)(low + ((high - low) * random.NextDouble()));

    // Box-Muller transform; 1 - NextDouble() lies in (0, 1], so the logarithm is finite.
    private static float StandardNormal(Random random) =>
        (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
}
