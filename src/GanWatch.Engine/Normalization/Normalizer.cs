using System.Text.Json.Serialization;
using GanWatch.Engine.Data;

namespace GanWatch.Engine.Normalization;

/// <summary>
/// Per-channel z-score normalisation, (x - mean) / std, fitted on training windows and stored in the model file.
/// Immutable and thread-safe.
/// </summary>
public sealed class Normalizer
{
    /// <summary>
    /// Smallest standard deviation used for scaling. A channel whose training values are constant (std below this) is
    /// divided by this floor instead, so any later change in it becomes a large normalised value rather than a division by zero.
    /// </summary>
    public const float MinStd = 1e-6f;

    /// <summary>Creates a normaliser from per-channel means and standard deviations.</summary>
    /// <exception cref="ArgumentException">The arrays are empty, differ in length or contain a non-finite value, or a std is negative.</exception>
    [JsonConstructor]
    public Normalizer(float[] means, float[] stds)
    {
        ArgumentNullException.ThrowIfNull(means);
        ArgumentNullException.ThrowIfNull(stds);
        if (means.Length == 0 || means.Length != stds.Length)
        {
            throw new ArgumentException(
                $"The normaliser has {means.Length} means and {stds.Length} standard deviations; both need one value per channel.");
        }

        for (int c = 0; c < means.Length; c++)
        {
            if (!float.IsFinite(means[c]) || !float.IsFinite(stds[c]) || stds[c] < 0)
            {
                throw new ArgumentException(
                    $"Channel {c} has mean {means[c]} and std {stds[c]}; the mean must be finite and the std finite and 0 or more.");
            }
        }

        Means = (float[])means.Clone();
        Stds = (float[])stds.Clone();
    }

    /// <summary>Mean of each channel in the training data, in raw units.</summary>
    public float[] Means { get; }

    /// <summary>Standard deviation of each channel in the training data, in raw units, before the <see cref="MinStd"/> floor.</summary>
    public float[] Stds { get; }

    /// <summary>Number of channels.</summary>
    [JsonIgnore]
    public int Channels => Means.Length;

    /// <summary>Fits per-channel mean and population standard deviation over every value of every window.</summary>
    /// <remarks>Overlapping windows count a point once per window that contains it, which weights the series ends slightly less.</remarks>
    /// <exception cref="ArgumentException">The batch is empty.</exception>
    public static Normalizer Fit(WindowBatch windows)
    {
        ArgumentNullException.ThrowIfNull(windows);
        if (windows.Count == 0)
        {
            throw new ArgumentException("Cannot fit normalisation on an empty window batch; supply at least one training window.", nameof(windows));
        }

        int channels = windows.Channels;
        int length = windows.Length;
        var sums = new double[channels];
        var squares = new double[channels];
        for (int i = 0; i < windows.Count; i++)
        {
            for (int c = 0; c < channels; c++)
            {
                var span = windows.Values.AsSpan(((i * channels) + c) * length, length);
                foreach (float value in span)
                {
                    sums[c] += value;
                    squares[c] += (double)value * value;
                }
            }
        }

        double n = (double)windows.Count * length;
        var means = new float[channels];
        var stds = new float[channels];
        for (int c = 0; c < channels; c++)
        {
            double mean = sums[c] / n;
            means[c] = (float)mean;
            stds[c] = (float)Math.Sqrt(Math.Max(0, (squares[c] / n) - (mean * mean)));
        }

        return new Normalizer(means, stds);
    }

    /// <summary>The divisor used for channel <paramref name="channel"/>: its std, at least <see cref="MinStd"/>.</summary>
    public float Scale(int channel) => Math.Max(Stds[channel], MinStd);

    /// <summary>Returns a new batch with every channel normalised.</summary>
    /// <exception cref="ArgumentException">The batch has a different number of channels.</exception>
    public WindowBatch Apply(WindowBatch windows)
    {
        ArgumentNullException.ThrowIfNull(windows);
        EnsureChannels(windows.Channels);

        int channels = windows.Channels;
        int length = windows.Length;
        var values = new float[windows.Values.Length];
        for (int i = 0; i < windows.Count; i++)
        {
            for (int c = 0; c < channels; c++)
            {
                int offset = ((i * channels) + c) * length;
                float mean = Means[c];
                float scale = Scale(c);
                for (int t = 0; t < length; t++)
                {
                    values[offset + t] = (windows.Values[offset + t] - mean) / scale;
                }
            }
        }

        return new WindowBatch(values, windows.Count, channels, length);
    }

    /// <summary>Throws when <paramref name="channels"/> differs from the fitted channel count.</summary>
    /// <exception cref="ArgumentException">The counts differ.</exception>
    public void EnsureChannels(int channels)
    {
        if (channels != Channels)
        {
            throw new ArgumentException(
                $"The windows have {channels} channels, but the normaliser was fitted on {Channels}. Build windows with the model's channels in the same order.");
        }
    }
}
