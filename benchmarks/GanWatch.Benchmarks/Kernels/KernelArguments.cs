using System.Globalization;

namespace GanWatch.Benchmarks.Kernels;

/// <summary>
/// Splits the command line into the kernel grid options and the arguments left for BenchmarkDotNet.
/// </summary>
/// <remarks>
/// Options: <c>--grid default|full</c> picks a <see cref="KernelGrid"/>; <c>--modes</c>, <c>--batch-sizes</c>,
/// <c>--windows</c>, <c>--channels</c> and <c>--threads</c> replace one dimension of it with a comma-separated list.
/// BenchmarkDotNet's <c>--filter</c> selects benchmark methods, not parameter values, so these options are the way to
/// run part of a grid.
/// </remarks>
public static class KernelArguments
{
    /// <summary>Returns the grid the options select and the remaining arguments.</summary>
    /// <exception cref="ArgumentException">An option has no value, or a value is unknown or not a positive integer.</exception>
    public static (KernelGrid Grid, List<string> BenchmarkArguments) Parse(IReadOnlyList<string> args)
    {
        var grid = KernelGrid.Default;
        string? modes = null, batchSizes = null, windows = null, channels = null, threads = null;
        var rest = new List<string>();
        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i];
            if (name is not ("--grid" or "--modes" or "--batch-sizes" or "--windows" or "--channels" or "--threads"))
            {
                rest.Add(name);
                continue;
            }

            if (i + 1 >= args.Count)
            {
                throw new ArgumentException($"{name} needs a value.");
            }

            string value = args[++i];
            switch (name)
            {
                case "--grid": grid = KernelGrid.Named(value); break;
                case "--modes": modes = value; break;
                case "--batch-sizes": batchSizes = value; break;
                case "--windows": windows = value; break;
                case "--channels": channels = value; break;
                default: threads = value; break;
            }
        }

        if (modes is not null)
        {
            var list = modes.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            foreach (string mode in list)
            {
                Models.KernelMode.ToOptions(mode);
            }

            grid = grid with { Modes = list };
        }

        grid = grid with
        {
            BatchSizes = batchSizes is null ? grid.BatchSizes : PositiveIntegers("--batch-sizes", batchSizes),
            WindowLengths = windows is null ? grid.WindowLengths : PositiveIntegers("--windows", windows),
            Channels = channels is null ? grid.Channels : PositiveIntegers("--channels", channels),
            Threads = threads is null ? grid.Threads : PositiveIntegers("--threads", threads),
        };
        return (grid, rest);
    }

    private static int[] PositiveIntegers(string option, string list) =>
        list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(item => int.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value > 0
                ? value
                : throw new ArgumentException($"{option} has '{item}'; give a comma-separated list of positive integers, for example 1,64,1024."))
            .ToArray();
}
