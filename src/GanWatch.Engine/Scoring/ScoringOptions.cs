namespace GanWatch.Engine.Scoring;

/// <summary>Settings for scoring windows by latent inversion. The model stores the options its threshold was calibrated with.</summary>
public sealed class ScoringOptions
{
    /// <summary>
    /// Number K of Adam steps on z after the start point. Default 0: score with the encoder's z alone (f-AnoGAN izi_f).
    /// Each step costs about one generator and one critic pass forward and backward, so K = 5 scores about 7 times
    /// more slowly (measured at batch 256, window 64, default widths, 2 CPU threads: about 4,700 windows/s for K = 0
    /// and 650 for K = 5); on sine data with injected spikes K = 5 did not separate them better than K = 0.
    /// Random starts need about 100 steps.
    /// </summary>
    public int InversionSteps { get; set; }

    /// <summary>Adam learning rate for z. Default 0.05.</summary>
    public double InversionLearningRate { get; set; } = 0.05;

    /// <summary>Start point of the latent search. Default <see cref="InversionStart.Encoder"/>.</summary>
    public InversionStart Start { get; set; } = InversionStart.Encoder;

    /// <summary>
    /// Weight lambda in [0, 1] of the critic-feature distance in the score:
    /// score = (1 - lambda) * mean |x - G(z)| + lambda * mean |f(x) - f(G(z))|. Default 0.1.
    /// </summary>
    public double FeatureWeight { get; set; } = 0.1;

    /// <summary>Seed for random start points. Default 1. Each call to score restarts from this seed, so scores repeat.</summary>
    public long Seed { get; set; } = 1;

    /// <summary>Largest number of windows sent through the networks at once; larger inputs are split. Default 1024.</summary>
    public int MaxBatchSize { get; set; } = 1024;

    /// <summary>Returns every problem with these options; an empty list means they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (InversionSteps < 0)
        {
            problems.Add($"InversionSteps is {InversionSteps}; it must be 0 (encoder only) or more.");
        }

        if (!(InversionLearningRate > 0) || double.IsInfinity(InversionLearningRate))
        {
            problems.Add($"InversionLearningRate is {InversionLearningRate}; it must be a positive finite number (0.05 is typical).");
        }

        if (!Enum.IsDefined(Start))
        {
            problems.Add($"Start is {(int)Start}; use Encoder or Random.");
        }

        if (Start == InversionStart.Random && InversionSteps == 0)
        {
            problems.Add("Start is Random with InversionSteps 0, which would score against random noise; use Start Encoder or set InversionSteps above 0.");
        }

        if (!(FeatureWeight >= 0 && FeatureWeight <= 1))
        {
            problems.Add($"FeatureWeight is {FeatureWeight}; it must be in [0, 1].");
        }

        if (MaxBatchSize < 1)
        {
            problems.Add($"MaxBatchSize is {MaxBatchSize}; it must be at least 1.");
        }

        return problems;
    }

    /// <summary>Throws <see cref="ArgumentException"/> listing every problem when <see cref="Validate"/> finds any.</summary>
    public void ThrowIfInvalid()
    {
        var problems = Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid scoring options: " + string.Join(" ", problems));
        }
    }

    /// <summary>Returns a copy of these options.</summary>
    public ScoringOptions Clone() => (ScoringOptions)MemberwiseClone();
}
