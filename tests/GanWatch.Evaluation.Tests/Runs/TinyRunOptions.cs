using GanWatch.Evaluation.Runs;

namespace GanWatch.Evaluation.Tests.Runs;

/// <summary>Options small enough to train a model in about a second.</summary>
internal static class TinyRunOptions
{
    public static NabGanRunOptions Nab() => new()
    {
        WindowLength = 16,
        LatentSize = 8,
        Width = 8,
        Steps = 40,
        EncoderSteps = 40,
        BatchSize = 32,
        Threads = 1,
        MaxParallelism = 1,

        // The range check would flag the test spike by itself, so it is off to test the GAN path.
        SpatialTolerance = 0,
    };
}
