using System.Globalization;
using GanWatch.Engine.Scoring;

namespace GanWatch.Benchmarks.Models;

/// <summary>
/// A scoring mode by name: <c>encoder</c> (z = E(x), K = 0), <c>encoder+K</c> (E(x), then K Adam steps on z) or
/// <c>random+K</c> (z from a standard normal draw, then K Adam steps). The name is a string so that BenchmarkDotNet
/// prints it as a parameter value.
/// </summary>
public static class KernelMode
{
    /// <summary>The encoder-only mode.</summary>
    public const string Encoder = "encoder";

    /// <summary>Returns the name of the encoder start followed by <paramref name="steps"/> Adam steps.</summary>
    public static string EncoderThenSteps(int steps) => $"encoder+{steps}";

    /// <summary>Returns the name of the random start followed by <paramref name="steps"/> Adam steps.</summary>
    public static string RandomThenSteps(int steps) => $"random+{steps}";

    /// <summary>Returns the scoring options of a mode name; other options keep the engine's defaults.</summary>
    /// <exception cref="ArgumentException">The name is not one of the three forms.</exception>
    public static ScoringOptions ToOptions(string mode)
    {
        ArgumentNullException.ThrowIfNull(mode);
        if (mode == Encoder)
        {
            return new ScoringOptions { InversionSteps = 0, Start = InversionStart.Encoder };
        }

        string[] parts = mode.Split('+');
        if (parts.Length == 2
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int steps)
            && steps > 0
            && parts[0] is "encoder" or "random")
        {
            var start = parts[0] == "encoder" ? InversionStart.Encoder : InversionStart.Random;
            return new ScoringOptions { InversionSteps = steps, Start = start };
        }

        throw new ArgumentException($"Unknown scoring mode '{mode}'. Use encoder, encoder+K or random+K with K at least 1, for example random+5.");
    }
}
