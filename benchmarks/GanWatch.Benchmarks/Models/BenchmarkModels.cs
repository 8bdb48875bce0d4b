using GanWatch.Engine;
using GanWatch.Engine.Data;
using GanWatch.Engine.Models;
using GanWatch.Engine.Thresholds;
using GanWatch.Engine.Training;
using TorchSharp;

namespace GanWatch.Benchmarks.Models;

/// <summary>Models and windows for timing: the engine's default network widths and latent size, with a fixed seed.</summary>
public static class BenchmarkModels
{
    /// <summary>Seed of the initial weights and of the generated windows.</summary>
    public const int Seed = 1;

    /// <summary>The network shape timed: the engine's defaults (latent 32, widths 64) with the given window and channels.</summary>
    public static GanOptions Shape(int windowLength, int channels) => new() { WindowLength = windowLength, Channels = channels };

    /// <summary>
    /// Creates a model of the given shape through <see cref="GanModel.Train"/> with <paramref name="steps"/> generator and
    /// encoder steps (and 5 critic steps per generator step). With 0 steps the weights are the seeded initial ones, which
    /// is enough for timing because the cost of a forward or backward pass does not depend on the weights' values. Torch
    /// CPU threads are set to <paramref name="threads"/>, a process-wide setting.
    /// </summary>
    public static GanModel Create(int windowLength, int channels, int steps, int threads)
    {
        var training = new TrainingOptions
        {
            Steps = steps,
            EncoderSteps = steps,
            BatchSize = 32,
            Seed = Seed,
            Threads = threads,
        };

        // The quantile threshold calibrates on any number of scores; SPOT's tail fit is not needed for timing.
        var thresholds = new ThresholdOptions { Method = ThresholdMethod.Quantile };
        var trainingWindows = SineWindows(count: 64, channels, windowLength, seed: Seed);
        return GanModel.Train(trainingWindows, Shape(windowLength, channels), training, torch.CPU, thresholds: thresholds);
    }

    /// <summary>
    /// Returns <paramref name="count"/> windows of a noisy sine series per channel (period 16 + 4c, amplitude 1, uniform
    /// noise in [-0.05, 0.05]), one window per time step.
    /// </summary>
    public static WindowBatch SineWindows(int count, int channels, int windowLength, int seed)
    {
        var random = new Random(seed);
        int steps = count + windowLength - 1;
        var rows = new float[steps * channels];
        for (int t = 0; t < steps; t++)
        {
            for (int c = 0; c < channels; c++)
            {
                double period = 16 + (4 * c);
                rows[(t * channels) + c] = (float)(Math.Sin((2 * Math.PI * t / period) + c) + (0.05 * ((random.NextDouble() * 2) - 1)));
            }
        }

        return WindowBatch.FromSeries(rows, channels, windowLength);
    }
}
