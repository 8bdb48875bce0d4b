namespace GanWatch.Engine.Training;

/// <summary>Settings for training the generator and critic, then the encoder.</summary>
public sealed class TrainingOptions
{
    /// <summary>Adversarial loss. Default <see cref="GanObjective.WganGp"/>.</summary>
    public GanObjective Objective { get; set; } = GanObjective.WganGp;

    /// <summary>Number of generator updates. Default 2000.</summary>
    public int Steps { get; set; } = 2000;

    /// <summary>Windows per mini-batch, for the critic, the generator and the encoder. Default 64.</summary>
    public int BatchSize { get; set; } = 64;

    /// <summary>
    /// Critic updates per generator update. Default null, which means 5 for <see cref="GanObjective.WganGp"/> (as in
    /// Gulrajani et al. 2017) and 1 for <see cref="GanObjective.Gan"/>.
    /// </summary>
    public int? CriticStepsPerGeneratorStep { get; set; }

    /// <summary>Weight lambda of the WGAN-GP gradient penalty. Default 10. Ignored by <see cref="GanObjective.Gan"/>.</summary>
    public double GradientPenaltyWeight { get; set; } = 10.0;

    /// <summary>Adam learning rate for all three networks. Default 1e-4.</summary>
    public double LearningRate { get; set; } = 1e-4;

    /// <summary>
    /// Adam beta1. Default 0.5, the DCGAN value: the generator here uses BatchNorm as in DCGAN, and 0.5 keeps some
    /// momentum for both objectives. Gulrajani et al. use 0.0 for WGAN-GP, which this setting also accepts.
    /// </summary>
    public double Beta1 { get; set; } = 0.5;

    /// <summary>Adam beta2. Default 0.9.</summary>
    public double Beta2 { get; set; } = 0.9;

    /// <summary>Number of encoder updates (izi_f training with the generator and critic frozen). Default 1000; 0 skips encoder training.</summary>
    public int EncoderSteps { get; set; } = 1000;

    /// <summary>Weight kappa of the critic-feature term in the encoder loss. Default 1.0, as in f-AnoGAN.</summary>
    public double FeatureWeight { get; set; } = 1.0;

    /// <summary>Seed for weight initialisation, mini-batch sampling and noise. Default 1.</summary>
    public long Seed { get; set; } = 1;

    /// <summary>
    /// Number of CPU threads for TorchSharp (torch.set_num_threads), a process-wide setting. Default 0, which leaves
    /// the current setting unchanged.
    /// </summary>
    public int Threads { get; set; }

    /// <summary>Number of steps between progress reports. Default 50. The last step is always reported.</summary>
    public int ProgressInterval { get; set; } = 50;

    /// <summary>Critic steps per generator step after applying the objective's default.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int EffectiveCriticSteps => CriticStepsPerGeneratorStep ?? (Objective == GanObjective.WganGp ? 5 : 1);

    /// <summary>Returns every problem with these options; an empty list means they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!Enum.IsDefined(Objective))
        {
            problems.Add($"Objective is {(int)Objective}; use WganGp or Gan.");
        }

        if (Steps < 0)
        {
            problems.Add($"Steps is {Steps}; it must be 0 or more.");
        }

        if (BatchSize < 2)
        {
            problems.Add($"BatchSize is {BatchSize}; it must be at least 2 because BatchNorm needs more than one window per batch.");
        }

        if (CriticStepsPerGeneratorStep is < 1)
        {
            problems.Add($"CriticStepsPerGeneratorStep is {CriticStepsPerGeneratorStep}; it must be at least 1, or unset for the objective's default.");
        }

        if (!(GradientPenaltyWeight >= 0) || double.IsInfinity(GradientPenaltyWeight))
        {
            problems.Add($"GradientPenaltyWeight is {GradientPenaltyWeight}; it must be a finite number of 0 or more (10 is typical).");
        }

        if (!(LearningRate > 0) || double.IsInfinity(LearningRate))
        {
            problems.Add($"LearningRate is {LearningRate}; it must be a positive finite number (1e-4 is typical).");
        }

        if (!(Beta1 >= 0 && Beta1 < 1))
        {
            problems.Add($"Beta1 is {Beta1}; it must be in [0, 1).");
        }

        if (!(Beta2 >= 0 && Beta2 < 1))
        {
            problems.Add($"Beta2 is {Beta2}; it must be in [0, 1).");
        }

        if (EncoderSteps < 0)
        {
            problems.Add($"EncoderSteps is {EncoderSteps}; it must be 0 or more.");
        }

        if (!(FeatureWeight >= 0) || double.IsInfinity(FeatureWeight))
        {
            problems.Add($"FeatureWeight is {FeatureWeight}; it must be a finite number of 0 or more.");
        }

        if (Threads < 0)
        {
            problems.Add($"Threads is {Threads}; it must be 0 (leave unchanged) or a positive thread count.");
        }

        if (ProgressInterval < 1)
        {
            problems.Add($"ProgressInterval is {ProgressInterval}; it must be at least 1.");
        }

        return problems;
    }

    /// <summary>Throws <see cref="ArgumentException"/> listing every problem when <see cref="Validate"/> finds any.</summary>
    public void ThrowIfInvalid()
    {
        var problems = Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid training options: " + string.Join(" ", problems));
        }
    }

    /// <summary>Returns a copy of these options.</summary>
    public TrainingOptions Clone() => (TrainingOptions)MemberwiseClone();
}
