using System.Globalization;
using GanWatch.Benchmarks.Models;

namespace GanWatch.Benchmarks.Comparison;

/// <summary>One batch shape of the comparison: windows per call, window length and channels.</summary>
public sealed record ComparisonShape(int BatchSize, int WindowLength, int Channels)
{
    /// <summary>Parses <c>BATCHxWINDOWxCHANNELS</c>, for example <c>256x64x1</c>.</summary>
    /// <exception cref="ArgumentException">The text is not three positive integers separated by x.</exception>
    public static ComparisonShape Parse(string text)
    {
        var parts = text.Split('x');
        var values = parts.Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out int v) ? v : 0).ToArray();
        if (values.Length != 3 || values.Any(v => v < 1))
        {
            throw new ArgumentException($"Shape '{text}' is invalid; write BATCHxWINDOWxCHANNELS with positive integers, for example 256x64x1.");
        }

        return new ComparisonShape(values[0], values[1], values[2]);
    }

    public override string ToString() => $"{BatchSize}x{WindowLength}x{Channels}";
}

/// <summary>Settings of the GanWatch-against-PyTorch comparison, from the command line.</summary>
public sealed class ComparisonOptions
{
    public const string Usage = """
        Usage: compare [options]
          Times GanWatch's scoring and the PyTorch reference on the same saved models and windows, interleaved
          (GanWatch, PyTorch, GanWatch, ...), checks that their scores agree, and prints a Markdown report.
          --reps N            repetitions of every case (default 5)
          --threads N         torch CPU threads on both sides, and OpenBLAS threads for PyTorch (default 1)
          --steps K           Adam steps on z of the encoder+K and random+K modes (default 5)
          --shapes LIST       comma-separated BATCHxWINDOWxCHANNELS (default 1x64x1,64x32x1,256x64x1,64x256x1,256x64x8)
          --min-seconds S     each timing repeats one batch until at least S seconds have passed (default 0.5)
          --python PATH       Python with torch (default /usr/bin/python3, Debian's python3-torch)
          --out FILE          also write the report to FILE
        """;

    public int Repetitions { get; private set; } = 5;

    public int Threads { get; private set; } = 1;

    public int InversionSteps { get; private set; } = 5;

    public IReadOnlyList<ComparisonShape> Shapes { get; private set; } =
        [new(1, 64, 1), new(64, 32, 1), new(256, 64, 1), new(64, 256, 1), new(256, 64, 8)];

    public double MinSeconds { get; private set; } = 0.5;

    public string PythonPath { get; private set; } = "/usr/bin/python3";

    public string? OutputPath { get; private set; }

    /// <summary>The three scoring modes compared.</summary>
    public IReadOnlyList<string> Modes => [KernelMode.Encoder, KernelMode.EncoderThenSteps(InversionSteps), KernelMode.RandomThenSteps(InversionSteps)];

    /// <summary>Parses the arguments after <c>compare</c>; returns null when help was requested.</summary>
    /// <exception cref="ArgumentException">An option is unknown, lacks its value, or has an invalid value.</exception>
    public static ComparisonOptions? Parse(IReadOnlyList<string> args)
    {
        var options = new ComparisonOptions();
        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i];
            if (name is "--help" or "-h")
            {
                return null;
            }

            if (i + 1 >= args.Count)
            {
                throw new ArgumentException($"{name} needs a value.\n{Usage}");
            }

            string value = args[++i];
            switch (name)
            {
                case "--reps": options.Repetitions = PositiveInteger(name, value); break;
                case "--threads": options.Threads = PositiveInteger(name, value); break;
                case "--steps": options.InversionSteps = PositiveInteger(name, value); break;
                case "--shapes": options.Shapes = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(ComparisonShape.Parse).ToArray(); break;
                case "--min-seconds": options.MinSeconds = PositiveNumber(name, value); break;
                case "--python": options.PythonPath = value; break;
                case "--out": options.OutputPath = value; break;
                default: throw new ArgumentException($"Unknown option '{name}'.\n{Usage}");
            }
        }

        return options;
    }

    private static int PositiveInteger(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int result) && result > 0
            ? result
            : throw new ArgumentException($"{name} is '{value}'; it must be a positive integer.");

    private static double PositiveNumber(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double result) && result > 0 && double.IsFinite(result)
            ? result
            : throw new ArgumentException($"{name} is '{value}'; it must be a positive number of seconds.");
}
