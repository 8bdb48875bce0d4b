using System.Globalization;
using System.Text;

namespace GanWatch.Bench;

/// <summary>
/// Synthetic input of the bench: daily-cycle sine series (48 points per cycle) with Gaussian noise and a spike every
/// <c>spikeInterval</c> points per series, one point per minute of record time, series interleaved round-robin.
/// </summary>
/// <remarks>Not thread-safe: one producer thread reads it in order.</remarks>
internal sealed class BenchStream
{
    private const int PointsPerCycle = 48;
    private const int TrainingLength = 1500;
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly double[] _phase;
    private readonly double[] _amplitude;
    private readonly string[] _keys;
    private readonly int _spikeInterval;
    private readonly Random _noise;

    /// <summary>Creates <paramref name="seriesCount"/> series; the same seed gives the same series shapes.</summary>
    public BenchStream(int seriesCount, int spikeInterval, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(seriesCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(spikeInterval, 1);
        var shapes = new Random(seed);
        _phase = new double[seriesCount];
        _amplitude = new double[seriesCount];
        _keys = new string[seriesCount];
        for (int s = 0; s < seriesCount; s++)
        {
            _phase[s] = shapes.NextDouble() * 2 * Math.PI;
            _amplitude[s] = 2 + shapes.NextDouble() * 2;
            _keys[s] = $"bench-{s + 1:D4}";
        }

        _spikeInterval = spikeInterval;
        _noise = new Random(seed + 1);
    }

    /// <summary>Series count.</summary>
    public int SeriesCount => _keys.Length;

    /// <summary>Returns the series index of the record at <paramref name="index"/> in stream order.</summary>
    public int SeriesOf(long index) => (int)(index % SeriesCount);

    /// <summary>Returns the Kafka key of a series.</summary>
    public string Key(int series) => _keys[series];

    /// <summary>Returns clean history (no spikes) of one series, from before the streamed points, for training.</summary>
    public float[] TrainingRows(int series)
    {
        var rows = new float[TrainingLength];
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i] = (float)Clean(series, i);
        }

        return rows;
    }

    /// <summary>Returns the JSON value of the record at <paramref name="index"/> in stream order; call with increasing indexes.</summary>
    public byte[] Value(long index)
    {
        int series = SeriesOf(index);
        long point = index / SeriesCount;
        double value = Clean(series, TrainingLength + point);

        // Offset each series' spikes by its index so spikes of different series do not land in the same instant.
        if (point >= 64 && (point + series) % _spikeInterval == 0)
        {
            value += 6 * _amplitude[series];
        }

        DateTimeOffset timestamp = Start.AddMinutes(TrainingLength + point);
        string json = string.Create(
            CultureInfo.InvariantCulture,
            $"{{\"ts\":\"{timestamp.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}\",\"value\":{(float)value:R}}}");
        return Encoding.UTF8.GetBytes(json);
    }

    private double Clean(int series, long point) =>
        10 + _amplitude[series] * Math.Sin(2 * Math.PI * point / PointsPerCycle + _phase[series]) + 0.1 * _amplitude[series] * NextGaussian();

    private double NextGaussian()
    {
        // Box-Muller transform; 1 - NextDouble() keeps the logarithm's argument in (0, 1].
        double u1 = 1.0 - _noise.NextDouble();
        double u2 = _noise.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
