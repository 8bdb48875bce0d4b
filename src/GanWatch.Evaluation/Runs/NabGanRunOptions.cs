namespace GanWatch.Evaluation.Runs;

/// <summary>Settings of the causal GAN protocol on NAB; the same settings apply to every series.</summary>
public sealed class NabGanRunOptions
{
    /// <summary>Window length in rows; the score of row t uses the window that ends at t. Default 32.</summary>
    public int WindowLength { get; set; } = 32;

    /// <summary>Size of the latent vector z. Default 16.</summary>
    public int LatentSize { get; set; } = 16;

    /// <summary>Base feature-map count of the generator, critic and encoder. Default 16.</summary>
    public int Width { get; set; } = 16;

    /// <summary>Generator steps of the WGAN-GP training on the probation rows. Default 150.</summary>
    public int Steps { get; set; } = 150;

    /// <summary>Encoder training steps after the GAN. Default 150.</summary>
    public int EncoderSteps { get; set; } = 150;

    /// <summary>Training batch size in windows. Default 64.</summary>
    public int BatchSize { get; set; } = 64;

    /// <summary>Adam steps on z per scored window (K); 0 scores with the encoder alone. Default 0.</summary>
    public int InversionSteps { get; set; }

    /// <summary>The part of the window score that feeds the likelihood. Default <see cref="GanScoreSignal.Window"/>.</summary>
    public GanScoreSignal Signal { get; set; } = GanScoreSignal.Window;

    /// <summary>
    /// Rows in the rolling z-score of the value that is combined with the GAN's likelihood (the larger of the two log
    /// likelihoods is reported); 0 reports the GAN's likelihood alone. Default 0.
    /// </summary>
    public int ZScoreWindow { get; set; }

    /// <summary>
    /// Relative tolerance of the range check taken from NAB's HTM detector: a row whose value lies more than this share
    /// of the range seen so far above its maximum or below its minimum scores 1. 0 disables the check. Default 0.05,
    /// NAB's value.
    /// </summary>
    public double SpatialTolerance { get; set; } = 0.05;

    /// <summary>
    /// Rows between causal fine-tuning runs after the probation period; 0 disables fine-tuning. At row t a copy of the
    /// model is fine-tuned on buffered normal windows that end before t, as the daemon does, and only a candidate that
    /// passes the validation gate scores the rows from t on. Default 0.
    /// </summary>
    public int FineTuneInterval { get; set; }

    /// <summary>
    /// Windows kept in each series' buffer of recent normal windows (one window per row). Runs with fewer than
    /// min(256, half of this) windows below the admission margin are skipped. Default 750, the longest NAB probation period.
    /// </summary>
    public int FineTuneRows { get; set; } = 750;

    /// <summary>Generator steps of each fine-tuning run; the encoder gets the same number. Default 100.</summary>
    public int FineTuneSteps { get; set; } = 100;

    /// <summary>
    /// Rows after a row whose anomaly score is at least <see cref="OwnThreshold"/> during which lower scores are set
    /// to 0, so a run of high scores counts as one detection; 0 disables it. Default 0.
    /// </summary>
    public int RefractoryRows { get; set; }

    /// <summary>
    /// The label-free detection level on NAB's log-likelihood scale, in (0, 1]. Default 0.5, which is a likelihood of
    /// 0.99999 (a Gaussian tail of 1e-5), the level of NuPIC's red zone.
    /// </summary>
    public double OwnThreshold { get; set; } = 0.5;

    /// <summary>Seed for weights, batches and noise. Default 1.</summary>
    public long Seed { get; set; } = 1;

    /// <summary>TorchSharp CPU threads (process-wide). Default 1, because series run in parallel instead.</summary>
    public int Threads { get; set; } = 1;

    /// <summary>Series trained and scored at once. Default 2.</summary>
    public int MaxParallelism { get; set; } = 2;

    /// <summary>Returns every problem with these options; an empty list means they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        AddIfBelow(problems, nameof(WindowLength), WindowLength, 8);
        AddIfBelow(problems, nameof(LatentSize), LatentSize, 1);
        AddIfBelow(problems, nameof(Width), Width, 1);
        AddIfBelow(problems, nameof(Steps), Steps, 1);
        AddIfBelow(problems, nameof(EncoderSteps), EncoderSteps, 1);
        AddIfBelow(problems, nameof(BatchSize), BatchSize, 2);
        AddIfBelow(problems, nameof(InversionSteps), InversionSteps, 0);
        AddIfBelow(problems, nameof(FineTuneInterval), FineTuneInterval, 0);
        AddIfBelow(problems, nameof(FineTuneSteps), FineTuneSteps, 1);
        AddIfBelow(problems, nameof(RefractoryRows), RefractoryRows, 0);
        AddIfBelow(problems, nameof(Threads), Threads, 1);
        AddIfBelow(problems, nameof(MaxParallelism), MaxParallelism, 1);
        if (!Enum.IsDefined(Signal))
        {
            problems.Add($"Signal is {(int)Signal}; use Window, LastPoint or Sum.");
        }

        if (ZScoreWindow is 1 or < 0)
        {
            problems.Add($"ZScoreWindow is {ZScoreWindow}; use 0 (GAN only) or at least 2 rows.");
        }

        if (!(SpatialTolerance >= 0) || double.IsInfinity(SpatialTolerance))
        {
            problems.Add($"SpatialTolerance is {SpatialTolerance}; it must be 0 (off) or a positive finite share of the range, for example 0.05.");
        }

        if (FineTuneRows <= WindowLength)
        {
            problems.Add($"FineTuneRows is {FineTuneRows}; it must exceed WindowLength ({WindowLength}) so that fine-tuning has at least 2 windows.");
        }

        if (!(OwnThreshold > 0 && OwnThreshold <= 1))
        {
            problems.Add($"OwnThreshold is {OwnThreshold}; it must be in (0, 1] on the log-likelihood scale, for example 0.5.");
        }

        return problems;
    }

    /// <summary>Throws <see cref="ArgumentException"/> listing every problem when <see cref="Validate"/> finds any.</summary>
    public void ThrowIfInvalid()
    {
        var problems = Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid NAB run options: " + string.Join(" ", problems));
        }
    }

    private static void AddIfBelow(List<string> problems, string name, int value, int minimum)
    {
        if (value < minimum)
        {
            problems.Add($"{name} is {value}; it must be at least {minimum}.");
        }
    }
}
