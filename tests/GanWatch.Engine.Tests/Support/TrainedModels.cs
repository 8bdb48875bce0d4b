using GanWatch.Engine.Data;
using GanWatch.Engine.Models;
using GanWatch.Engine.Training;
using TorchSharp;

[assembly: AssemblyFixture(typeof(GanWatch.Engine.Tests.Support.TrainedModels))]

// Training competes for 2 shared cores; running one test at a time keeps the run time predictable.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace GanWatch.Engine.Tests.Support;

/// <summary>
/// Small models trained once per test run on sine windows (window 32, widths 16, latent 8), shared by the scoring and
/// persistence tests. Tests must not fine-tune or dispose these models; use <see cref="GanModel.Clone"/> for that.
/// </summary>
public sealed class TrainedModels : IDisposable
{
    public const int WindowLength = 32;

    private readonly Lazy<GanModel> single = new(() => TrainOn(channels: 1));
    private readonly Lazy<GanModel> triple = new(() => TrainOn(channels: 3));

    /// <summary>A model of one channel.</summary>
    public GanModel SingleChannel => single.Value;

    /// <summary>A model of three channels with periods 16, 20 and 24.</summary>
    public GanModel ThreeChannels => triple.Value;

    public static GanOptions SmallShape(int channels) => new()
    {
        WindowLength = WindowLength,
        Channels = channels,
        LatentSize = 8,
        GeneratorWidth = 16,
        CriticWidth = 16,
        EncoderWidth = 16,
    };

    public static TrainingOptions ShortTraining(int steps = 250, int encoderSteps = 200) => new()
    {
        Steps = steps,
        EncoderSteps = encoderSteps,
        BatchSize = 32,
        LearningRate = 1e-3,
        Seed = 3,

        // Torch's default thread count is much slower on a loaded two-core machine.
        Threads = 1,
    };

    public void Dispose()
    {
        if (single.IsValueCreated)
        {
            single.Value.Dispose();
        }

        if (triple.IsValueCreated)
        {
            triple.Value.Dispose();
        }
    }

    private static GanModel TrainOn(int channels)
    {
        WindowBatch windows = SineData.Windows(windows: 600, channels, WindowLength, stride: 2, seed: 11);
        return GanModel.Train(windows, SmallShape(channels), ShortTraining(), torch.CPU);
    }
}
