namespace GanWatch.Tests.Support;

/// <summary>The sine signal every test model is trained on and every test stream replays.</summary>
internal static class SineSignal
{
    /// <summary>Points per sine period; an integer, so a stream repeats the same windows.</summary>
    public const int Period = 32;

    /// <summary>Window length of the test model, in points.</summary>
    public const int WindowLength = 16;

    /// <summary>Returns the clean sine value at <paramref name="row"/>, shifted by <paramref name="shift"/> points.</summary>
    public static float Value(int row, int shift = 0) => (float)Math.Sin(2 * Math.PI * (row + shift) / Period);

    /// <summary>Returns <paramref name="count"/> sine values with Gaussian noise of standard deviation <paramref name="noise"/>.</summary>
    public static float[] Noisy(int count, double noise, int seed)
    {
        var random = new Random(seed);
        var values = new float[count];
        for (int row = 0; row < count; row++)
        {
            // Box-Muller transform: one standard normal draw from two uniform draws.
            double normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            values[row] = Value(row) + (float)(noise * normal);
        }

        return values;
    }
}
