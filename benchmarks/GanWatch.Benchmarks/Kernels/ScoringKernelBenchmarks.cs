using BenchmarkDotNet.Attributes;
using GanWatch.Benchmarks.Models;
using GanWatch.Engine;
using GanWatch.Engine.Data;
using GanWatch.Engine.Scoring;
using TorchSharp;

namespace GanWatch.Benchmarks.Kernels;

/// <summary>
/// Times <see cref="GanModel.Score(WindowBatch, ScoringOptions)"/> on one batch of raw windows: normalisation, the
/// start point of z, the Adam steps on z, the final pass and the copy of the scores back to managed arrays.
/// </summary>
public class ScoringKernelBenchmarks
{
    private GanModel? model;
    private WindowBatch? windows;
    private ScoringOptions? options;

    /// <summary>Scoring mode; see <see cref="KernelMode"/>.</summary>
    [ParamsSource(nameof(Modes))]
    public string Mode { get; set; } = KernelMode.Encoder;

    /// <summary>Windows scored per call.</summary>
    [ParamsSource(nameof(BatchSizes))]
    public int BatchSize { get; set; }

    /// <summary>Window length in time steps.</summary>
    [ParamsSource(nameof(WindowLengths))]
    public int WindowLength { get; set; }

    /// <summary>Channels per window.</summary>
    [ParamsSource(nameof(ChannelCounts))]
    public int Channels { get; set; }

    /// <summary>Torch CPU threads (torch.set_num_threads).</summary>
    [ParamsSource(nameof(ThreadCounts))]
    public int Threads { get; set; }

    public static IEnumerable<string> Modes => KernelGrid.Current.Modes;

    public static IEnumerable<int> BatchSizes => KernelGrid.Current.BatchSizes;

    public static IEnumerable<int> WindowLengths => KernelGrid.Current.WindowLengths;

    public static IEnumerable<int> ChannelCounts => KernelGrid.Current.Channels;

    public static IEnumerable<int> ThreadCounts => KernelGrid.Current.Threads;

    [GlobalSetup]
    public void Setup()
    {
        options = KernelMode.ToOptions(Mode);
        options.MaxBatchSize = Math.Max(options.MaxBatchSize, BatchSize);
        model = BenchmarkModels.Create(WindowLength, Channels, steps: 0, Threads);
        torch.set_num_threads(Threads);
        windows = BenchmarkModels.SineWindows(BatchSize, Channels, WindowLength, BenchmarkModels.Seed + 1);
    }

    [GlobalCleanup]
    public void Cleanup() => model?.Dispose();

    /// <summary>Scores one batch; windows per second is <see cref="BatchSize"/> divided by the mean time of this call.</summary>
    [Benchmark]
    public WindowScore[] Score() => model!.Score(windows!, options!);
}
