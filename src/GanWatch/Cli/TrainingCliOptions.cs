using System.CommandLine;
using GanWatch.Engine.Models;
using GanWatch.Engine.Scoring;
using GanWatch.Engine.Thresholds;
using GanWatch.Engine.Training;

namespace GanWatch.Cli;

/// <summary>Command-line options that set the network shape, training, scoring and threshold of a new model.</summary>
internal sealed class TrainingCliOptions
{
    public Option<int> Window { get; } = new("--window") { Description = "Window length in points; fixed for the trained model.", DefaultValueFactory = _ => new GanOptions().WindowLength };
    public Option<int> Latent { get; } = new("--latent") { Description = "Size of the latent vector z.", DefaultValueFactory = _ => new GanOptions().LatentSize };
    public Option<int> Width { get; } = new("--width") { Description = "Base channel width of the generator, critic and encoder.", DefaultValueFactory = _ => new GanOptions().GeneratorWidth };
    public Option<string> Objective { get; } = new("--objective") { Description = "Training objective: wgan-gp (Wasserstein with gradient penalty) or gan (non-saturating min-max).", DefaultValueFactory = _ => "wgan-gp" };
    public Option<int> Steps { get; } = new("--steps") { Description = "Generator steps.", DefaultValueFactory = _ => new TrainingOptions().Steps };
    public Option<int> EncoderSteps { get; } = new("--encoder-steps") { Description = "Encoder training steps (izi_f: E learns to map a window x to a z whose G(z) and critic features match x).", DefaultValueFactory = _ => new TrainingOptions().EncoderSteps };
    public Option<int> BatchSize { get; } = new("--batch-size") { Description = "Training batch size in windows.", DefaultValueFactory = _ => new TrainingOptions().BatchSize };
    public Option<int?> CriticSteps { get; } = new("--critic-steps") { Description = "Critic steps per generator step (default 5 for wgan-gp, 1 for gan)." };
    public Option<double> GradientPenalty { get; } = new("--gp-weight") { Description = "Gradient-penalty weight for wgan-gp.", DefaultValueFactory = _ => new TrainingOptions().GradientPenaltyWeight };
    public Option<double> LearningRate { get; } = new("--learning-rate") { Description = "Adam learning rate.", DefaultValueFactory = _ => new TrainingOptions().LearningRate };
    public Option<double> Beta1 { get; } = new("--beta1") { Description = "Adam beta1.", DefaultValueFactory = _ => new TrainingOptions().Beta1 };
    public Option<double> Beta2 { get; } = new("--beta2") { Description = "Adam beta2.", DefaultValueFactory = _ => new TrainingOptions().Beta2 };
    public Option<long> Seed { get; } = new("--seed") { Description = "Random seed; the same seed and data give the same model.", DefaultValueFactory = _ => 1L };
    public Option<int> Threads { get; } = new("--threads") { Description = "Torch CPU threads; 0 keeps the library default (one per core). Use 1 on a busy host.", DefaultValueFactory = _ => 0 };
    public Option<string> Device { get; } = new("--device") { Description = "Device: cpu, cuda, cuda:N or auto.", DefaultValueFactory = _ => "cpu" };
    public Option<int> InversionSteps { get; } = new("--inversion-steps") { Description = "Adam steps on z per scored batch; 0 scores with the encoder alone.", DefaultValueFactory = _ => new ScoringOptions().InversionSteps };
    public Option<double> FeatureWeight { get; } = new("--feature-weight") { Description = "Weight lambda of the critic-feature distance in the score, in [0, 1].", DefaultValueFactory = _ => new ScoringOptions().FeatureWeight };
    public Option<string> Threshold { get; } = new("--threshold") { Description = "Threshold method: spot (peaks over threshold) or quantile.", DefaultValueFactory = _ => "spot" };
    public Option<double> Quantile { get; } = new("--quantile") { Description = "Quantile of calibration scores for the quantile method.", DefaultValueFactory = _ => new ThresholdOptions().Quantile };
    public Option<double> Risk { get; } = new("--risk") { Description = "SPOT risk level q: the probability of a normal score exceeding the threshold.", DefaultValueFactory = _ => new ThresholdOptions().RiskLevel };

    public IEnumerable<Option> All =>
    [
        Window, Latent, Width, Objective, Steps, EncoderSteps, BatchSize, CriticSteps, GradientPenalty, LearningRate,
        Beta1, Beta2, Seed, Threads, Device, InversionSteps, FeatureWeight, Threshold, Quantile, Risk,
    ];

    public GanOptions GetShape(ParseResult result, int channels)
    {
        int width = result.GetValue(Width);
        return new GanOptions
        {
            WindowLength = result.GetValue(Window),
            LatentSize = result.GetValue(Latent),
            Channels = channels,
            GeneratorWidth = width,
            CriticWidth = width,
            EncoderWidth = width,
        };
    }

    public TrainingOptions GetTraining(ParseResult result)
    {
        string objective = result.GetValue(Objective) ?? "wgan-gp";
        return new TrainingOptions
        {
            Objective = objective.ToLowerInvariant() switch
            {
                "wgan-gp" or "wgangp" => GanObjective.WganGp,
                "gan" => GanObjective.Gan,
                _ => throw new ArgumentException($"Invalid --objective '{objective}'. Use wgan-gp or gan."),
            },
            Steps = result.GetValue(Steps),
            EncoderSteps = result.GetValue(EncoderSteps),
            BatchSize = result.GetValue(BatchSize),
            CriticStepsPerGeneratorStep = result.GetValue(CriticSteps),
            GradientPenaltyWeight = result.GetValue(GradientPenalty),
            LearningRate = result.GetValue(LearningRate),
            Beta1 = result.GetValue(Beta1),
            Beta2 = result.GetValue(Beta2),
            Seed = result.GetValue(Seed),
            Threads = result.GetValue(Threads),
        };
    }

    public ScoringOptions GetScoring(ParseResult result) => new()
    {
        InversionSteps = result.GetValue(InversionSteps),
        FeatureWeight = result.GetValue(FeatureWeight),
        Seed = result.GetValue(Seed),
    };

    public ThresholdOptions GetThreshold(ParseResult result)
    {
        string method = result.GetValue(Threshold) ?? "spot";
        return new ThresholdOptions
        {
            Method = method.ToLowerInvariant() switch
            {
                "spot" => ThresholdMethod.Spot,
                "quantile" => ThresholdMethod.Quantile,
                _ => throw new ArgumentException($"Invalid --threshold '{method}'. Use spot or quantile."),
            },
            Quantile = result.GetValue(Quantile),
            RiskLevel = result.GetValue(Risk),
        };
    }
}
