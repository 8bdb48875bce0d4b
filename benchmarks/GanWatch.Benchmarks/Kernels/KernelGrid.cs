using GanWatch.Benchmarks.Models;

namespace GanWatch.Benchmarks.Kernels;

/// <summary>
/// The parameter values of <see cref="ScoringKernelBenchmarks"/>. <see cref="Default"/> is sized to finish in under
/// 15 minutes on 2 cores; <see cref="Full"/> covers batch sizes 1 to 1024, windows 32 to 256, 1 to 38 channels and
/// 1 or 2 threads, and takes hours.
/// </summary>
public sealed record KernelGrid(
    string Name,
    IReadOnlyList<string> Modes,
    IReadOnlyList<int> BatchSizes,
    IReadOnlyList<int> WindowLengths,
    IReadOnlyList<int> Channels,
    IReadOnlyList<int> Threads)
{
    /// <summary>Adam steps on z in the default grid's inversion modes.</summary>
    public const int DefaultSteps = 5;

    /// <summary>The grid of a run without arguments.</summary>
    public static KernelGrid Default { get; } = new(
        "default",
        [KernelMode.Encoder, KernelMode.EncoderThenSteps(DefaultSteps), KernelMode.RandomThenSteps(DefaultSteps)],
        [1, 32, 256],
        [32, 256],
        [1, 8],
        [1]);

    /// <summary>Every combination the kernels are meant to cover; select parts of it with --filter.</summary>
    public static KernelGrid Full { get; } = new(
        "full",
        [
            KernelMode.Encoder,
            KernelMode.EncoderThenSteps(5),
            KernelMode.EncoderThenSteps(20),
            KernelMode.RandomThenSteps(5),
            KernelMode.RandomThenSteps(20),
        ],
        [1, 16, 64, 256, 1024],
        [32, 64, 128, 256],
        [1, 8, 38],
        [1, 2]);

    /// <summary>The grid that <see cref="ScoringKernelBenchmarks"/> reads its parameters from; set before the run starts.</summary>
    /// <remarks>A static works because the benchmarks run in this process (the in-process toolchain).</remarks>
    public static KernelGrid Current { get; set; } = Default;

    /// <summary>Returns the grid named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">The name is neither default nor full.</exception>
    public static KernelGrid Named(string name) => name switch
    {
        "default" => Default,
        "full" => Full,
        _ => throw new ArgumentException($"Unknown grid '{name}'. Use --grid default or --grid full."),
    };
}
