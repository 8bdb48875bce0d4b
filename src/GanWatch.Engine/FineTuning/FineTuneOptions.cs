using GanWatch.Engine.Training;

namespace GanWatch.Engine.FineTuning;

/// <summary>Settings of the buffer of recent normal windows and of one fine-tuning run with its validation gate.</summary>
public sealed class FineTuneOptions
{
    /// <summary>Windows kept in the buffer by reservoir sampling. Default 2048.</summary>
    public int BufferCapacity { get; set; } = 2048;

    /// <summary>
    /// Admission margin: a buffered window is trained on only when its score was at most this share of the threshold, in
    /// (0, 1]. Normal windows above the margin are buffered for calibration and validation only. Default 0.8.
    /// </summary>
    public double AdmissionRatio { get; set; } = 0.8;

    /// <summary>
    /// Anomalous windows among a series' last 2 x this many after which the series is taken to have moved to a new normal
    /// level, so that its windows are admitted until the count falls below this again. Default 256; 0 disables this, and
    /// then a sustained shift never enters the buffer.
    /// </summary>
    public int ShiftAdmissionWindows { get; set; } = 256;

    /// <summary>Share of the buffered windows held out from training for calibration and validation, in (0, 1). Default 0.25.</summary>
    public double HeldOutFraction { get; set; } = 0.25;

    /// <summary>
    /// Fewest buffered windows below the admission margin for a run; with fewer the run is skipped, not failed. At least 8.
    /// Default 256.
    /// </summary>
    public int MinWindows { get; set; } = 256;

    /// <summary>
    /// Training of each run: default WGAN-GP, 200 generator steps (5 critic steps each), 200 encoder steps, batch 64,
    /// learning rate 1e-4, one torch thread. Threads is a process-wide torch setting, so it also applies to scoring.
    /// </summary>
    public TrainingOptions Training { get; set; } = DefaultTraining();

    /// <summary>
    /// Largest accepted relative rise of the candidate's mean score on held-out normal windows over the live model's
    /// mean score on them: 0.10 accepts at most 10 % higher. Default 0.10.
    /// </summary>
    public double MaxScoreRise { get; set; } = 0.10;

    /// <summary>
    /// Largest accepted drop of the candidate's ROC AUC on the reference anomalies (against the held-out normal
    /// windows) below the live model's AUC, in [0, 1]. Default 0.02.
    /// </summary>
    public double MaxAucDrop { get; set; } = 0.02;

    /// <summary>Reference anomalies of each kind (spike, level shift, noise burst, flat-line) for the AUC check. Default 32.</summary>
    public int ReferenceAnomaliesPerKind { get; set; } = 32;

    /// <summary>
    /// Real-time wait after each training step, which leaves a device shared with scoring to the scorer for that long.
    /// Default zero (no wait).
    /// </summary>
    public TimeSpan PauseBetweenSteps { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// Seed of the buffer's sampling, the held-out split and the reference anomalies. Default 1. Mini-batches and noise
    /// use <see cref="TrainingOptions.Seed"/> of <see cref="Training"/>.
    /// </summary>
    public int Seed { get; set; } = 1;

    /// <summary>Returns the default <see cref="Training"/> settings.</summary>
    public static TrainingOptions DefaultTraining() => new()
    {
        Objective = GanObjective.WganGp,
        Steps = 200,
        EncoderSteps = 200,
        BatchSize = 64,
        Threads = 1,
    };

    /// <summary>Returns every problem with these options; an empty list means they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (BufferCapacity < MinWindows)
        {
            problems.Add($"BufferCapacity is {BufferCapacity}; it must be at least MinWindows ({MinWindows}), or every run would be skipped.");
        }

        if (!(AdmissionRatio > 0 && AdmissionRatio <= 1))
        {
            problems.Add($"AdmissionRatio is {AdmissionRatio}; it must be in (0, 1], for example 0.8.");
        }

        if (ShiftAdmissionWindows < 0)
        {
            problems.Add($"ShiftAdmissionWindows is {ShiftAdmissionWindows}; it must be 0 (off) or a positive number of windows.");
        }

        if (!(HeldOutFraction > 0 && HeldOutFraction < 1))
        {
            problems.Add($"HeldOutFraction is {HeldOutFraction}; it must be in (0, 1), for example 0.25.");
        }

        if (MinWindows < 8)
        {
            problems.Add($"MinWindows is {MinWindows}; it must be at least 8 so that training and held-out parts both have windows.");
        }

        if (Training is null)
        {
            problems.Add("Training is missing; set it or leave the default.");
        }
        else
        {
            problems.AddRange(Training.Validate().Select(problem => "Training." + problem));
        }

        if (!(MaxScoreRise >= 0) || double.IsInfinity(MaxScoreRise))
        {
            problems.Add($"MaxScoreRise is {MaxScoreRise}; it must be a finite share of 0 or more, for example 0.10.");
        }

        if (!(MaxAucDrop >= 0 && MaxAucDrop <= 1))
        {
            problems.Add($"MaxAucDrop is {MaxAucDrop}; it must be in [0, 1], for example 0.02.");
        }

        if (ReferenceAnomaliesPerKind < 1)
        {
            problems.Add($"ReferenceAnomaliesPerKind is {ReferenceAnomaliesPerKind}; it must be at least 1.");
        }

        if (PauseBetweenSteps < TimeSpan.Zero)
        {
            problems.Add($"PauseBetweenSteps is {PauseBetweenSteps}; it must be zero or positive.");
        }

        return problems;
    }

    /// <summary>Throws <see cref="ArgumentException"/> listing every problem when <see cref="Validate"/> finds any.</summary>
    public void ThrowIfInvalid()
    {
        var problems = Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid fine-tuning options: " + string.Join(" ", problems));
        }
    }

    /// <summary>Returns a deep copy of these options.</summary>
    public FineTuneOptions Clone()
    {
        var copy = (FineTuneOptions)MemberwiseClone();
        copy.Training = Training?.Clone()!;
        return copy;
    }
}
