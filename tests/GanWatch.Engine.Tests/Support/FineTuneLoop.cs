using GanWatch.Engine.Data;
using GanWatch.Engine.FineTuning;
using GanWatch.Engine.Thresholds;

namespace GanWatch.Engine.Tests.Support;

/// <summary>
/// The daemon's fine-tuning loop in one thread, for one univariate series: score each window from its row on, apply
/// the series' threshold, feed the buffer, and after each batch run <see cref="FineTuner"/> whenever enough windows
/// were admitted, swapping in accepted candidates (with a fresh threshold and an emptied buffer).
/// </summary>
internal sealed class FineTuneLoop : IDisposable
{
    private const int BatchSize = 64;
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly FineTuneOptions options;
    private readonly int runEvery;
    private readonly NormalWindowBuffer buffer;
    private IThreshold threshold;
    private long nextRun;

    /// <param name="initial">The first live model; the loop scores with a clone and disposes every model it owns.</param>
    /// <param name="options">Buffer and run settings.</param>
    /// <param name="runEvery">Admitted windows between runs; 0 never fine-tunes.</param>
    public FineTuneLoop(GanModel initial, FineTuneOptions options, int runEvery)
    {
        this.options = options;
        this.runEvery = runEvery;
        Live = initial.Clone();
        threshold = Live.CreateThreshold();
        buffer = new NormalWindowBuffer(1, Live.Shape.WindowLength, options);
        nextRun = runEvery;
    }

    public GanModel Live { get; private set; }

    /// <summary>Every fine-tuning run, in order.</summary>
    public List<Run> Runs { get; } = [];

    public int Accepted => Runs.Count(run => run.Outcome == FineTuneOutcome.Accepted);

    /// <summary>The runs as text, for failure messages.</summary>
    public string Describe() => string.Join(" | ", Runs.Select(run => $"after row {run.Row}: {run.Reason}"));

    /// <summary>
    /// Returns a copy of <paramref name="model"/> with its threshold calibrated on fresh normal sine windows at every
    /// phase. The shared test models calibrate on their own training windows, whose scores are lower, and then alert on
    /// several percent of fresh normal windows, which keeps nearly every window out of the buffer.
    /// </summary>
    public static GanModel CalibratedCopy(GanModel model)
    {
        var copy = model.Clone();
        copy.Calibrate(SineData.Windows(windows: 1000, channels: 1, model.Shape.WindowLength, stride: 1, seed: 222), copy.ThresholdOptions);
        return copy;
    }

    /// <summary>Row indices of the models' anomalous windows (a window is indexed by its last row).</summary>
    public HashSet<int> AnomalousRows { get; } = [];

    /// <summary>Score and threshold of the window that ends at each row; NaN before the first full window.</summary>
    public double[] Scores { get; private set; } = [];

    public double[] Thresholds { get; private set; } = [];

    /// <summary>Streams every window of <paramref name="rows"/> through the loop.</summary>
    public void Stream(float[] rows, CancellationToken cancellationToken)
    {
        int length = Live.Shape.WindowLength;
        Scores = Enumerable.Repeat(double.NaN, rows.Length).ToArray();
        Thresholds = Enumerable.Repeat(double.NaN, rows.Length).ToArray();
        for (int first = length - 1; first < rows.Length; first += BatchSize)
        {
            int count = Math.Min(BatchSize, rows.Length - first);
            var windows = WindowBatch.FromSeries(rows.AsSpan(first - length + 1, count + length - 1), 1, length);
            var scores = Live.Score(windows);
            for (int i = 0; i < count; i++)
            {
                int row = first + i;
                double score = scores[i].Score;
                double value = threshold.Value;
                bool anomalous = threshold.IsAnomaly(score);
                threshold.Observe(score);
                Scores[row] = score;
                Thresholds[row] = value;
                if (anomalous)
                {
                    AnomalousRows.Add(row);
                }

                buffer.Observe("series", windows.Values.AsSpan(i * length, length), score, value, anomalous, Start.AddSeconds(row));
            }

            if (runEvery > 0 && buffer.Seen >= nextRun)
            {
                FineTune(first + count - 1, cancellationToken);
                nextRun = buffer.Seen + runEvery;
            }
        }
    }

    public void Dispose() => Live.Dispose();

    private void FineTune(int row, CancellationToken cancellationToken)
    {
        var snapshot = buffer.Snapshot();
        float maxValue = snapshot.Windows.Values.Select(Math.Abs).DefaultIfEmpty(0).Max();
        using var result = FineTuner.Run(Live, snapshot, options, cancellationToken: cancellationToken);
        Runs.Add(new Run(row, result.Outcome, result.Reason, maxValue));
        if (result.Outcome != FineTuneOutcome.Accepted)
        {
            return;
        }

        var old = Live;
        Live = result.TakeCandidate();
        old.Dispose();
        threshold = Live.CreateThreshold();
        buffer.Clear();
    }

    /// <summary>One fine-tuning run.</summary>
    /// <param name="Row">The last row scored before the run.</param>
    /// <param name="Outcome">The run's outcome.</param>
    /// <param name="Reason">The run's reason with the gate's numbers.</param>
    /// <param name="MaxBufferedValue">The largest absolute value in the buffer snapshot the run trained on.</param>
    internal sealed record Run(int Row, FineTuneOutcome Outcome, string Reason, float MaxBufferedValue);
}
