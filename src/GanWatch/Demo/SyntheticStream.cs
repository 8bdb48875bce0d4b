namespace GanWatch.Demo;

/// <summary>The kind of anomaly injected into a synthetic series.</summary>
internal enum InjectedAnomalyKind
{
    Spike,
    LevelShift,
    NoiseBurst,
    FlatLine,
}

/// <summary>One injected anomaly: its kind and the first and last point index it covers.</summary>
internal sealed record InjectedAnomaly(string Series, InjectedAnomalyKind Kind, int Start, int End);

/// <summary>One point of a synthetic series, in the order the demo replays it.</summary>
internal sealed record SyntheticPoint(string Series, int Index, DateTimeOffset Timestamp, double Value);

/// <summary>
/// Builds daily-cycle sine series with Gaussian noise and injected anomalies at known positions,
/// so the demo can show which alerts hit a labelled anomaly.
/// </summary>
internal sealed class SyntheticStream
{
    private const int PointsPerCycle = 48;

    private SyntheticStream(IReadOnlyList<SyntheticPoint> points, IReadOnlyList<InjectedAnomaly> anomalies, IReadOnlyDictionary<string, double[]> training)
    {
        Points = points;
        Anomalies = anomalies;
        Training = training;
    }

    /// <summary>Points of every series, interleaved in time order.</summary>
    public IReadOnlyList<SyntheticPoint> Points { get; }

    /// <summary>Anomalies injected into <see cref="Points"/>.</summary>
    public IReadOnlyList<InjectedAnomaly> Anomalies { get; }

    /// <summary>Clean history per series from before the replayed points, for training.</summary>
    public IReadOnlyDictionary<string, double[]> Training { get; }

    /// <summary>
    /// Creates <paramref name="seriesCount"/> series of <paramref name="length"/> points each, one point
    /// per minute, with one anomaly of each kind per series placed after the first quarter.
    /// </summary>
    public static SyntheticStream Create(int seriesCount, int length, int trainingLength, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(seriesCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 200);

        var random = new Random(seed);
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var anomalies = new List<InjectedAnomaly>();
        var training = new Dictionary<string, double[]>();
        var values = new double[seriesCount][];

        for (int s = 0; s < seriesCount; s++)
        {
            string series = $"synthetic-{s + 1:D2}";
            double phase = random.NextDouble() * 2 * Math.PI;
            double level = 10;
            double amplitude = 2 + random.NextDouble() * 2;

            double[] all = new double[trainingLength + length];
            for (int i = 0; i < all.Length; i++)
            {
                all[i] = level + amplitude * Math.Sin(2 * Math.PI * i / PointsPerCycle + phase) + 0.1 * amplitude * NextGaussian(random);
            }

            training[series] = all[..trainingLength];
            double[] replayed = all[trainingLength..];
            anomalies.AddRange(Inject(series, replayed, amplitude, random));
            values[s] = replayed;
        }

        var points = new List<SyntheticPoint>(seriesCount * length);
        for (int i = 0; i < length; i++)
        {
            DateTimeOffset timestamp = start.AddMinutes(trainingLength + i);
            for (int s = 0; s < seriesCount; s++)
            {
                points.Add(new SyntheticPoint($"synthetic-{s + 1:D2}", i, timestamp, values[s][i]));
            }
        }

        return new SyntheticStream(points, anomalies, training);
    }

    private static IEnumerable<InjectedAnomaly> Inject(string series, double[] values, double amplitude, Random random)
    {
        int slot = values.Length / 5;
        var kinds = new[] { InjectedAnomalyKind.Spike, InjectedAnomalyKind.LevelShift, InjectedAnomalyKind.NoiseBurst, InjectedAnomalyKind.FlatLine };
        for (int k = 0; k < kinds.Length; k++)
        {
            int start = slot * (k + 1) + random.Next(slot / 4);
            int end = kinds[k] switch
            {
                InjectedAnomalyKind.Spike => start,
                _ => Math.Min(values.Length - 1, start + 20),
            };

            double flat = values[start];
            for (int i = start; i <= end; i++)
            {
                values[i] = kinds[k] switch
                {
                    InjectedAnomalyKind.Spike => values[i] + 6 * amplitude,
                    InjectedAnomalyKind.LevelShift => values[i] + 3 * amplitude,
                    InjectedAnomalyKind.NoiseBurst => values[i] + 1.5 * amplitude * NextGaussian(random),
                    _ => flat,
                };
            }

            yield return new InjectedAnomaly(series, kinds[k], start, end);
        }
    }

    private static double NextGaussian(Random random)
    {
        // Box-Muller transform; 1 - NextDouble() keeps the logarithm's argument in (0, 1].
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
