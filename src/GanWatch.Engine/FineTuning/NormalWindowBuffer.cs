using GanWatch.Engine.Data;

namespace GanWatch.Engine.FineTuning;

/// <summary>
/// A reservoir sample of recent normal windows of one model, filled from the scored windows of its series, for fine-tuning.
/// Thread-safe: <see cref="Observe"/> is meant for the scoring thread and <see cref="Snapshot"/> for the fine-tuning thread.
/// </summary>
/// <remarks>
/// <para>
/// Admission, per series and in that series' order: a window is admitted only once the next windowLength windows of the
/// same series have passed with no anomalous one. An anomalous window discards the series' pending windows and blocks
/// its next windowLength windows, so nothing within one window length of an alert is admitted, before or after it.
/// Admitted windows that scored at most admissionRatio * threshold may be trained on. The others (normal, but above that
/// margin) are kept too, marked in <see cref="BufferSnapshot.CalibrationOnly"/>: a threshold calibrated only on scores
/// below the margin would sit too low and raise false alarms, which would in turn keep windows out of the buffer.
/// </para>
/// <para>
/// Shift admission: a series with at least shiftAdmissionWindows anomalous windows among its last 2 x shiftAdmissionWindows
/// is taken to have moved to a new normal level. Its windows, anomalous or not, are then admitted at once, without a
/// score check, until the count falls below shiftAdmissionWindows again. A clean series that shifts qualifies after
/// shiftAdmissionWindows windows; a shift that still dips under the threshold now and then qualifies a little later.
/// Short anomalies, and intermittent ones that cover less than half of the windows, never qualify. A sustained real anomaly does, which is why
/// <see cref="FineTuner"/> validates every candidate on reference anomalies before it may replace the live model.
/// </para>
/// <para>
/// Sampling: every admitted window gets a random key, and the reservoir keeps the capacity windows with the smallest keys.
/// That is a uniform sample of all windows admitted since construction or the last <see cref="Clear"/>, so call Clear
/// to restart the sample, for example after a new model goes live. A pending window is copied only while its key could
/// still enter the reservoir, which bounds memory once the reservoir is full.
/// </para>
/// </remarks>
public sealed class NormalWindowBuffer
{
    private readonly Lock gate = new();
    private readonly int channels;
    private readonly int windowLength;
    private readonly int capacity;
    private readonly double admissionRatio;
    private readonly int shiftAdmissionWindows;
    private readonly Random random;
    private readonly Dictionary<string, SeriesState> series = new(StringComparer.Ordinal);

    // The root is the largest key, which is the window to drop when a smaller key arrives.
    private readonly PriorityQueue<Sample, double> reservoir = new(Comparer<double>.Create((a, b) => b.CompareTo(a)));
    private long seen;
    private long sequence;

    /// <summary>Creates an empty buffer.</summary>
    /// <param name="channels">Channels per window.</param>
    /// <param name="windowLength">Steps per window; also the number of windows excluded before and after an anomalous one.</param>
    /// <param name="capacity">Windows kept; at least 1.</param>
    /// <param name="admissionRatio">Windows that score at most this share of the threshold may be trained on, in (0, 1].</param>
    /// <param name="seed">Seed of the sampling.</param>
    /// <param name="shiftAdmissionWindows">Anomalous windows among a series' last twice as many after which its windows are admitted as a new normal level; 0 disables it.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive, the ratio is outside (0, 1], or the shift count is negative.</exception>
    public NormalWindowBuffer(int channels, int windowLength, int capacity, double admissionRatio, int seed, int shiftAdmissionWindows)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(windowLength);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        ArgumentOutOfRangeException.ThrowIfNegative(shiftAdmissionWindows);
        if (!(admissionRatio > 0 && admissionRatio <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(admissionRatio), admissionRatio, "The admission ratio must be in (0, 1], for example 0.8.");
        }

        this.channels = channels;
        this.windowLength = windowLength;
        this.capacity = capacity;
        this.admissionRatio = admissionRatio;
        this.shiftAdmissionWindows = shiftAdmissionWindows;
        random = new Random(seed);
    }

    /// <summary>Creates an empty buffer with the capacity, admission ratio, shift admission and seed of <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public NormalWindowBuffer(int channels, int windowLength, FineTuneOptions options)
        : this(channels, windowLength, CheckedOptions(options).BufferCapacity, options.AdmissionRatio, options.Seed, options.ShiftAdmissionWindows)
    {
    }

    /// <summary>Windows in the reservoir, including those kept for calibration only.</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return reservoir.Count;
            }
        }
    }

    /// <summary>Windows admitted over the lifetime of the buffer, including those the reservoir did not keep; <see cref="Clear"/> does not reset it.</summary>
    public long Seen
    {
        get
        {
            lock (gate)
            {
                return seen;
            }
        }
    }

    /// <summary>
    /// Records one scored window of one series; call it for every scored window of that series, in the series' order.
    /// The window is copied when kept, so the caller may reuse its memory.
    /// </summary>
    /// <param name="seriesId">The series the window belongs to.</param>
    /// <param name="window">The raw window values, [channels, length] row-major.</param>
    /// <param name="score">The window's score.</param>
    /// <param name="threshold">The series' threshold when the window was scored.</param>
    /// <param name="anomalous">Whether the window was an anomaly (score above the threshold at that point).</param>
    /// <param name="windowEnd">The time of the window's last point.</param>
    /// <exception cref="ArgumentException">The window does not have channels x length values.</exception>
    public void Observe(string seriesId, ReadOnlySpan<float> window, double score, double threshold, bool anomalous, DateTimeOffset windowEnd)
    {
        ArgumentNullException.ThrowIfNull(seriesId);
        if (window.Length != channels * windowLength)
        {
            throw new ArgumentException(
                $"The window of series '{seriesId}' has {window.Length} values, but this buffer holds {channels} channels x {windowLength} steps.",
                nameof(window));
        }

        lock (gate)
        {
            if (!series.TryGetValue(seriesId, out var state))
            {
                state = new SeriesState();
                series.Add(seriesId, state);
            }

            long index = state.Windows++;
            if (RecordShift(state, anomalous))
            {
                AdmitShifted(state, window, windowEnd);
                return;
            }

            if (anomalous)
            {
                state.Pending.Clear();
                state.BlockedWindows = windowLength;
                return;
            }

            // This window is the next clean window for every pending one; those with windowLength clean successors are admitted.
            while (state.Pending.Count > 0 && index - state.Pending.Peek().Index >= windowLength)
            {
                Admit(state.Pending.Dequeue());
            }

            if (state.BlockedWindows > 0)
            {
                state.BlockedWindows--;
                return;
            }

            if (AllFinite(window) && double.IsFinite(score) && double.IsFinite(threshold))
            {
                double key = random.NextDouble();
                bool calibrationOnly = !(score <= admissionRatio * threshold);
                state.Pending.Enqueue(new Pending(index, key, CouldEnter(key) ? window.ToArray() : null, windowEnd, calibrationOnly));
            }
        }
    }

    /// <summary>Returns a copy of the reservoir, ordered by window end time, with the span of those times.</summary>
    public BufferSnapshot Snapshot()
    {
        Sample[] samples;
        lock (gate)
        {
            samples = reservoir.UnorderedItems.Select(item => item.Element).ToArray();
        }

        Array.Sort(samples, (a, b) => a.End != b.End ? a.End.CompareTo(b.End) : a.Sequence.CompareTo(b.Sequence));
        int windowSize = channels * windowLength;
        var values = new float[(long)samples.Length * windowSize];
        for (int i = 0; i < samples.Length; i++)
        {
            samples[i].Values.CopyTo(values, (long)i * windowSize);
        }

        var windows = new WindowBatch(values, samples.Length, channels, windowLength);
        var calibrationOnly = samples.Select(sample => sample.CalibrationOnly).ToArray();
        return samples.Length == 0
            ? new BufferSnapshot(windows, DateTimeOffset.MinValue, DateTimeOffset.MinValue, calibrationOnly)
            : new BufferSnapshot(windows, samples[0].End, samples[^1].End, calibrationOnly);
    }

    /// <summary>
    /// Empties the reservoir and every series' pending windows, so that sampling restarts. The exclusion around recent
    /// alerts and the record of recent anomalous windows carry on, and so does <see cref="Seen"/>.
    /// </summary>
    public void Clear()
    {
        lock (gate)
        {
            reservoir.Clear();
            foreach (var state in series.Values)
            {
                state.Pending.Clear();
            }
        }
    }

    private static FineTuneOptions CheckedOptions(FineTuneOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ThrowIfInvalid();
        return options;
    }

    /// <summary>
    /// Records whether the series' newest window was anomalous and returns whether the series now counts as shifted: at
    /// least shiftAdmissionWindows anomalous windows among its last 2 x shiftAdmissionWindows.
    /// </summary>
    private bool RecordShift(SeriesState state, bool anomalous)
    {
        if (shiftAdmissionWindows == 0)
        {
            return false;
        }

        state.Recent ??= new bool[2 * shiftAdmissionWindows];
        int slot = (int)((state.Windows - 1) % state.Recent.Length);
        if (state.Recent[slot])
        {
            state.RecentAnomalous--;
        }

        state.Recent[slot] = anomalous;
        if (anomalous)
        {
            state.RecentAnomalous++;
        }

        return state.RecentAnomalous >= shiftAdmissionWindows;
    }

    private void AdmitShifted(SeriesState state, ReadOnlySpan<float> window, DateTimeOffset windowEnd)
    {
        // Windows that waited for clean successors before the shift are dropped; the new level is what the buffer wants.
        state.Pending.Clear();
        state.BlockedWindows = 0;
        if (AllFinite(window))
        {
            double key = random.NextDouble();
            Admit(new Pending(state.Windows - 1, key, CouldEnter(key) ? window.ToArray() : null, windowEnd, CalibrationOnly: false));
        }
    }

    private static bool AllFinite(ReadOnlySpan<float> window)
    {
        foreach (float value in window)
        {
            if (!float.IsFinite(value))
            {
                return false;
            }
        }

        return true;
    }

    // Keys only fall out of a full reservoir from the top, so a key that cannot enter now never can until Clear, which
    // also drops the pending windows.
    private bool CouldEnter(double key) => reservoir.Count < capacity || key < reservoir.Peek().Key;

    private void Admit(Pending pending)
    {
        seen++;
        if (pending.Values is null || !CouldEnter(pending.Key))
        {
            return;
        }

        if (reservoir.Count >= capacity)
        {
            reservoir.Dequeue();
        }

        reservoir.Enqueue(new Sample(pending.Values, pending.End, pending.Key, sequence++, pending.CalibrationOnly), pending.Key);
    }

    private sealed class SeriesState
    {
        public long Windows { get; set; }

        public int BlockedWindows { get; set; }

        /// <summary>Ring of the last 2 x shiftAdmissionWindows anomaly flags, allocated when shift admission is on.</summary>
        public bool[]? Recent { get; set; }

        /// <summary>True flags in <see cref="Recent"/>.</summary>
        public int RecentAnomalous { get; set; }

        public Queue<Pending> Pending { get; } = new();
    }

    private sealed record Pending(long Index, double Key, float[]? Values, DateTimeOffset End, bool CalibrationOnly);

    private sealed record Sample(float[] Values, DateTimeOffset End, double Key, long Sequence, bool CalibrationOnly);
}
