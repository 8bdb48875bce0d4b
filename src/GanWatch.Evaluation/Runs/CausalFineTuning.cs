using GanWatch.Engine;
using GanWatch.Engine.FineTuning;
using GanWatch.Engine.Thresholds;

namespace GanWatch.Evaluation.Runs;

/// <summary>
/// The daemon's fine-tuning path for one series, driven by the evaluation: every scored window goes through the live
/// model's SPOT threshold into a <see cref="NormalWindowBuffer"/>, and each run fine-tunes a copy on the buffer with
/// <see cref="FineTuner"/>. An accepted candidate replaces the live model, gets a fresh threshold, and the buffer restarts.
/// </summary>
/// <remarks>Not thread-safe; one series on one thread. Disposes every model it swapped in, but not the initial one.</remarks>
internal sealed class CausalFineTuning : IDisposable
{
    // Window end times only order the buffer and span the data; one row per second from the epoch is enough here.
    private static readonly DateTimeOffset Epoch = DateTimeOffset.UnixEpoch;

    private readonly GanModel initial;
    private readonly FineTuneOptions options;
    private readonly NormalWindowBuffer buffer;
    private IThreshold threshold;

    public CausalFineTuning(GanModel initial, NabGanRunOptions runOptions)
    {
        this.initial = initial;
        Live = initial;
        options = OptionsFor(runOptions);
        buffer = new NormalWindowBuffer(1, runOptions.WindowLength, options);
        threshold = Live.CreateThreshold();
    }

    /// <summary>The model that scores the next rows.</summary>
    public GanModel Live { get; private set; }

    /// <summary>Fine-tuning runs so far, including skipped ones.</summary>
    public int Runs { get; private set; }

    /// <summary>Runs whose candidate replaced the live model.</summary>
    public int Accepted { get; private set; }

    /// <summary>Runs whose candidate the validation gate rejected.</summary>
    public int Rejected { get; private set; }

    /// <summary>Returns the fine-tuning settings the NAB options imply: the engine's defaults with the run's buffer size, steps and seed.</summary>
    public static FineTuneOptions OptionsFor(NabGanRunOptions runOptions)
    {
        var defaults = new FineTuneOptions();
        return new FineTuneOptions
        {
            BufferCapacity = runOptions.FineTuneRows,
            MinWindows = Math.Min(defaults.MinWindows, Math.Max(8, runOptions.FineTuneRows / 2)),
            Training = CausalGanScorer.TrainingFor(runOptions, runOptions.FineTuneSteps, runOptions.FineTuneSteps),
            Seed = unchecked((int)runOptions.Seed),
        };
    }

    /// <summary>Feeds the window that ends at <paramref name="row"/> and its score, in row order.</summary>
    public void Observe(ReadOnlySpan<float> window, double score, int row)
    {
        double value = threshold.Value;
        bool anomalous = threshold.IsAnomaly(score);
        threshold.Observe(score);
        buffer.Observe("series", window, score, value, anomalous, Epoch.AddSeconds(row));
    }

    /// <summary>Runs one fine-tuning on the buffered windows and swaps in an accepted candidate.</summary>
    public void Run(CancellationToken cancellationToken)
    {
        using var result = FineTuner.Run(Live, buffer.Snapshot(), options, cancellationToken: cancellationToken);
        Runs++;
        if (result.Outcome == FineTuneOutcome.Rejected)
        {
            Rejected++;
        }

        if (result.Outcome != FineTuneOutcome.Accepted)
        {
            return;
        }

        var old = Live;
        Live = result.TakeCandidate();
        if (!ReferenceEquals(old, initial))
        {
            old.Dispose();
        }

        threshold = Live.CreateThreshold();
        buffer.Clear();
        Accepted++;
    }

    public void Dispose()
    {
        if (!ReferenceEquals(Live, initial))
        {
            Live.Dispose();
        }
    }
}
