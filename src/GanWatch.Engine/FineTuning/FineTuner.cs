using System.Globalization;
using GanWatch.Engine.Data;
using GanWatch.Engine.Persistence;
using GanWatch.Engine.Training;

namespace GanWatch.Engine.FineTuning;

/// <summary>
/// Runs one background fine-tuning of a live model on buffered normal windows: WGAN-GP steps and encoder steps on a
/// copy, threshold calibration on a held-out part, and a validation gate that compares the copy with the live model.
/// </summary>
public static class FineTuner
{
    /// <summary>
    /// Fine-tunes a copy of <paramref name="live"/> on <paramref name="recent"/> and decides whether it may replace it.
    /// Runs synchronously on the calling thread and never modifies <paramref name="live"/>.
    /// </summary>
    /// <remarks>
    /// Steps: split the windows at random into training and held-out parts (<see cref="FineTuneOptions.HeldOutFraction"/>,
    /// with calibration-only windows never in training); train a clone with <see cref="FineTuneOptions.Training"/> (adversarial steps, then the encoder) on the training part;
    /// calibrate its threshold with the live model's threshold options on the held-out part; then compare both models on
    /// the held-out windows (mean score) and on reference anomalies injected into them (ROC AUC). The candidate is
    /// accepted only when its mean held-out score is at most <see cref="FineTuneOptions.MaxScoreRise"/> above the live
    /// model's and its AUC at most <see cref="FineTuneOptions.MaxAucDrop"/> below it.
    /// <para>
    /// <paramref name="live"/> is only read, by one <see cref="GanModel.Clone"/> at the start, so another thread may keep
    /// scoring with it meanwhile. The live model's scores are taken from a private copy.
    /// </para>
    /// </remarks>
    /// <param name="live">The model in use.</param>
    /// <param name="recent">Buffered normal windows, from <see cref="NormalWindowBuffer.Snapshot"/>.</param>
    /// <param name="options">Run and gate settings.</param>
    /// <param name="progress">Receives the training progress reports, on the calling thread.</param>
    /// <param name="time">Clock for the duration and the candidate's creation time and version; default <see cref="TimeProvider.System"/>.</param>
    /// <param name="cancellationToken">Stops the run between training steps; the candidate is then discarded.</param>
    /// <returns>The result, which owns an accepted candidate until <see cref="FineTuneResult.TakeCandidate"/>.</returns>
    /// <exception cref="ArgumentException">The options are invalid, or the windows do not have the model's shape.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public static FineTuneResult Run(
        GanModel live,
        BufferSnapshot recent,
        FineTuneOptions options,
        IProgress<TrainingProgress>? progress = null,
        TimeProvider? time = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(live);
        ArgumentNullException.ThrowIfNull(recent);
        ArgumentNullException.ThrowIfNull(options);
        options.ThrowIfInvalid();
        time ??= TimeProvider.System;
        long started = time.GetTimestamp();
        var windows = recent.Windows;
        var shape = live.Shape;
        if (windows.Channels != shape.Channels || windows.Length != shape.WindowLength)
        {
            throw new ArgumentException(
                $"The buffered windows are {windows.Channels} channels x {windows.Length} steps, but model {live.ModelVersion} expects " +
                $"{shape.Channels} x {shape.WindowLength}. Buffer the model's own windows.",
                nameof(recent));
        }

        var calibrationOnly = recent.CalibrationOnly ?? new bool[windows.Count];
        if (calibrationOnly.Count != windows.Count)
        {
            throw new ArgumentException(
                $"The snapshot has {windows.Count} windows but {calibrationOnly.Count} calibration flags; take snapshots with NormalWindowBuffer.Snapshot.",
                nameof(recent));
        }

        int trainable = calibrationOnly.Count(flag => !flag);
        if (trainable < options.MinWindows)
        {
            return Skipped($"Skipped: {trainable} buffered windows scored below the admission margin, and a run needs at least {options.MinWindows}.");
        }

        var (training, heldOut) = Split(windows, calibrationOnly, options.HeldOutFraction, options.Seed);
        if (training.Count < 2)
        {
            return Skipped($"Skipped: only {training.Count} windows are left to train on after holding out {heldOut.Count}; lower HeldOutFraction.");
        }

        using var reference = live.Clone();
        var candidate = reference.Clone();
        try
        {
            var estimate = new WassersteinCapture(progress);
            candidate.ContinueTraining(training, options.Training, new StepPause(options.PauseBetweenSteps), estimate, time, cancellationToken);
            candidate.Calibrate(heldOut, reference.ThresholdOptions);
            cancellationToken.ThrowIfCancellationRequested();

            var (accepted, reason, report) = Judge(reference, candidate, heldOut, options);
            candidate.Lineage = new ModelLineage { ParentVersion = live.ModelVersion, DataFrom = recent.From, DataTo = recent.To, Validation = report };
            candidate.DataSummary = new TrainingDataSummary { WindowCount = training.Count, FirstTimestamp = recent.From, LastTimestamp = recent.To };
            if (!accepted)
            {
                candidate.Dispose();
            }

            return new FineTuneResult(
                accepted ? FineTuneOutcome.Accepted : FineTuneOutcome.Rejected,
                accepted ? candidate : null,
                report,
                reason,
                time.GetElapsedTime(started),
                options.Training.Objective == GanObjective.WganGp ? estimate.Last : double.NaN,
                training.Count,
                heldOut.Count);
        }
        catch
        {
            candidate.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Splits the windows at random into a held-out part of about <paramref name="heldOutFraction"/> of all windows and a
    /// training part of the rest, leaving out calibration-only windows from training. Each part keeps the buffer's time order.
    /// </summary>
    internal static (WindowBatch Training, WindowBatch HeldOut) Split(WindowBatch windows, IReadOnlyList<bool> calibrationOnly, double heldOutFraction, int seed)
    {
        int heldOutCount = Math.Clamp((int)Math.Round(windows.Count * heldOutFraction), 2, windows.Count - 2);
        var order = Enumerable.Range(0, windows.Count).ToArray();
        new Random(seed).Shuffle(order);

        var heldOut = order[..heldOutCount];
        var training = order[heldOutCount..].Where(index => !calibrationOnly[index]).ToArray();
        Array.Sort(heldOut);
        Array.Sort(training);
        return (Select(windows, training), Select(windows, heldOut));
    }

    private static FineTuneResult Skipped(string reason) =>
        new(FineTuneOutcome.Skipped, null, null, reason, TimeSpan.Zero, double.NaN, 0, 0);

    private static WindowBatch Select(WindowBatch windows, int[] indices)
    {
        int windowSize = windows.Channels * windows.Length;
        var values = new float[(long)indices.Length * windowSize];
        for (int i = 0; i < indices.Length; i++)
        {
            Array.Copy(windows.Values, (long)indices[i] * windowSize, values, (long)i * windowSize, windowSize);
        }

        return new WindowBatch(values, indices.Length, windows.Channels, windows.Length);
    }

    /// <summary>
    /// Applies the validation gate: compares <paramref name="candidate"/> with <paramref name="live"/> on held-out normal
    /// windows and on reference anomalies injected into them. Only scores both models.
    /// </summary>
    internal static (bool Accepted, string Reason, ValidationReport Report) Judge(GanModel live, GanModel candidate, WindowBatch heldOut, FineTuneOptions options)
    {
        var report = Validate(live, candidate, heldOut, options);
        var (accepted, reason) = Decide(report, options);
        return (accepted, reason, report);
    }

    private static ValidationReport Validate(GanModel live, GanModel candidate, WindowBatch heldOut, FineTuneOptions options)
    {
        var anomalies = ReferenceAnomalies.Create(heldOut, live.Normalizer, options.ReferenceAnomaliesPerKind, options.Seed);
        var liveNormal = Scores(live, heldOut);
        var candidateNormal = Scores(candidate, heldOut);
        double liveMean = liveNormal.Average();
        double candidateMean = candidateNormal.Average();

        // A live mean of exactly 0 would make any rise infinite; the floor keeps the ratio finite for a perfect fit.
        double rise = (candidateMean - liveMean) / Math.Max(liveMean, 1e-12);
        double liveAuc = RocAuc.Compute(liveNormal, Scores(live, anomalies));
        double candidateAuc = RocAuc.Compute(candidateNormal, Scores(candidate, anomalies));
        return new ValidationReport(liveMean, candidateMean, rise, liveAuc, candidateAuc, anomalies.Count);
    }

    private static double[] Scores(GanModel model, WindowBatch windows) => model.Score(windows).Select(score => score.Score).ToArray();

    private static (bool Accepted, string Reason) Decide(ValidationReport report, FineTuneOptions options)
    {
        var culture = CultureInfo.InvariantCulture;
        string numbers = string.Format(
            culture,
            "mean held-out score {0:G4} against live {1:G4} (rise {2:+0.0;-0.0} %, limit +{3:0.0} %); AUC on {4} reference anomalies {5:F3} against live {6:F3} (limit: at most {7:F3} lower)",
            report.CandidateHeldOutScore,
            report.LiveHeldOutScore,
            report.ScoreRise * 100,
            options.MaxScoreRise * 100,
            report.ReferenceAnomalies,
            report.CandidateAuc,
            report.LiveAuc,
            options.MaxAucDrop);

        var failures = new List<string>();
        if (!double.IsFinite(report.CandidateHeldOutScore) || !double.IsFinite(report.CandidateAuc))
        {
            failures.Add("the candidate's scores are not finite");
        }
        else
        {
            if (!(report.ScoreRise <= options.MaxScoreRise))
            {
                failures.Add("its held-out scores rose too much");
            }

            // A NaN live AUC (every score NaN) compares false, so the candidate is rejected rather than trusted blindly.
            if (!(report.CandidateAuc >= report.LiveAuc - options.MaxAucDrop))
            {
                failures.Add("its AUC fell too much");
            }
        }

        return failures.Count == 0
            ? (true, $"Accepted: {numbers}.")
            : (false, $"Rejected because {string.Join(" and ", failures)}: {numbers}.");
    }

    /// <summary>Forwards progress reports and keeps the last Wasserstein estimate of the adversarial phase.</summary>
    private sealed class WassersteinCapture(IProgress<TrainingProgress>? inner) : IProgress<TrainingProgress>
    {
        public double Last { get; private set; } = double.NaN;

        public void Report(TrainingProgress value)
        {
            if (value.Phase == TrainingPhase.Adversarial)
            {
                Last = value.WassersteinEstimate;
            }

            inner?.Report(value);
        }
    }
}
