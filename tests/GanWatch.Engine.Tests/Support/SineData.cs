using GanWatch.Engine.Data;

namespace GanWatch.Engine.Tests.Support;

/// <summary>Synthetic multichannel sine series with small uniform noise, and windows with injected spikes.</summary>
internal static class SineData
{
    /// <summary>Returns rows [steps, channels]; channel c has period 16 + 4c and phase c, plus noise in [-0.05, 0.05].</summary>
    public static float[] Series(int steps, int channels, int seed)
    {
        var random = new Random(seed);
        var rows = new float[steps * channels];
        for (int t = 0; t < steps; t++)
        {
            for (int c = 0; c < channels; c++)
            {
                double period = 16 + (4 * c);
                rows[(t * channels) + c] = (float)(Math.Sin((2 * Math.PI * t / period) + c) + (0.05 * ((random.NextDouble() * 2) - 1)));
            }
        }

        return rows;
    }

    /// <summary>Returns windows of <paramref name="length"/> steps cut every <paramref name="stride"/> steps from a fresh series.</summary>
    public static WindowBatch Windows(int windows, int channels, int length, int stride, int seed) =>
        WindowBatch.FromSeries(Series(((windows - 1) * stride) + length, channels, seed), channels, length, stride);

    /// <summary>
    /// Returns a copy of <paramref name="clean"/> with one spike of <paramref name="height"/> added to every window, in the
    /// channel chosen by <paramref name="channelOf"/> and at the step chosen by <paramref name="stepOf"/>.
    /// </summary>
    public static WindowBatch WithSpikes(WindowBatch clean, float height, Func<int, int> channelOf, Func<int, int> stepOf)
    {
        var values = (float[])clean.Values.Clone();
        for (int i = 0; i < clean.Count; i++)
        {
            int channel = channelOf(i);
            values[(((i * clean.Channels) + channel) * clean.Length) + stepOf(i)] += height;
        }

        return new WindowBatch(values, clean.Count, clean.Channels, clean.Length);
    }

    /// <summary>Returns the area under the ROC curve: the share of (negative, positive) pairs where the positive scores higher.</summary>
    public static double Auc(IReadOnlyList<double> negatives, IReadOnlyList<double> positives)
    {
        double wins = 0;
        foreach (double negative in negatives)
        {
            foreach (double positive in positives)
            {
                if (positive > negative)
                {
                    wins += 1;
                }
                else if (positive == negative)
                {
                    wins += 0.5;
                }
            }
        }

        return wins / (negatives.Count * (double)positives.Count);
    }
}
