using BenchmarkDotNet.Running;
using GanWatch.Benchmarks.Comparison;
using GanWatch.Benchmarks.Kernels;

// Usage:
//   dotnet run -c Release --project benchmarks/GanWatch.Benchmarks                   the default kernel grid
//   dotnet run -c Release --project benchmarks/GanWatch.Benchmarks -- --grid full [--modes ...] [--batch-sizes ...]
//       [--windows ...] [--channels ...] [--threads ...] [BenchmarkDotNet options]
//   dotnet run -c Release --project benchmarks/GanWatch.Benchmarks -- compare [--help]   GanWatch against PyTorch
if (args.Length > 0 && args[0] == "compare")
{
    return ComparisonCommand.Run(args[1..]);
}

List<string> benchmarkArguments;
try
{
    (KernelGrid.Current, benchmarkArguments) = KernelArguments.Parse(args);
}
catch (ArgumentException error)
{
    Console.Error.WriteLine(error.Message);
    return 2;
}

// Without a filter, BenchmarkDotNet prompts on the console for the benchmarks to run, so run them all instead.
if (!benchmarkArguments.Any(a => a is "--filter" or "-f"))
{
    benchmarkArguments.AddRange(["--filter", "*"]);
}

var grid = KernelGrid.Current;
Console.WriteLine(
    $"Kernel grid {grid.Name}: modes {string.Join(",", grid.Modes)}; batch sizes {string.Join(",", grid.BatchSizes)}; " +
    $"windows {string.Join(",", grid.WindowLengths)}; channels {string.Join(",", grid.Channels)}; threads {string.Join(",", grid.Threads)}.");
Console.WriteLine("Allocations are managed (.NET) bytes only: TorchSharp's tensors live in native memory, which MemoryDiagnoser does not count.");
var summaries = BenchmarkSwitcher.FromAssembly(typeof(ScoringKernelBenchmarks).Assembly).Run([.. benchmarkArguments], KernelBenchmarkConfig.Create());
return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
