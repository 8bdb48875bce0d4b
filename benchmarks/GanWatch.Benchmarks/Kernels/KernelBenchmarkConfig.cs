using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace GanWatch.Benchmarks.Kernels;

/// <summary>The BenchmarkDotNet configuration of the kernel benchmarks.</summary>
public static class KernelBenchmarkConfig
{
    /// <summary>
    /// Returns a short in-process job with MemoryDiagnoser and the windows-per-second and bytes-per-window columns.
    /// </summary>
    /// <remarks>
    /// The benchmarks run in this process because BenchmarkDotNet's generated child project would be built under this
    /// repository's Directory.Build.props (warnings as errors) and would copy TorchSharp's native library without the
    /// build step that makes it load on Debian 12. The job is short (one launch, 2 warm-up and 5 measured iterations of
    /// at least 250 ms each) so that the default grid stays under 15 minutes on 2 cores. The Error and StdDev columns
    /// show the precision this costs.
    /// </remarks>
    public static IConfig Create() => DefaultConfig.Instance
        .AddJob(Job.Default
            .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(30), logOutput: true))
            .WithLaunchCount(1)
            .WithWarmupCount(2)
            .WithIterationCount(5)
            .WithIterationTime(TimeInterval.FromMilliseconds(250))
            .WithId("Short"))
        .AddDiagnoser(MemoryDiagnoser.Default)
        .AddColumn(new WindowsPerSecondColumn(), new AllocatedPerWindowColumn())
        .WithOptions(ConfigOptions.JoinSummary);
}
