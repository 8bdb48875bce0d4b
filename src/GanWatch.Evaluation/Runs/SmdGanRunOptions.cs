namespace GanWatch.Evaluation.Runs;

/// <summary>Settings of the GAN protocol on SMD machines; the same settings apply to every machine.</summary>
public sealed class SmdGanRunOptions
{
    /// <summary>Window length in rows (minutes); the score of row t uses the window that ends at t. Default 32.</summary>
    public int WindowLength { get; set; } = 32;

    /// <summary>Size of the latent vector z. Default 32.</summary>
    public int LatentSize { get; set; } = 32;

    /// <summary>Base feature-map count of the generator, critic and encoder. Default 32.</summary>
    public int Width { get; set; } = 32;

    /// <summary>Generator steps of the WGAN-GP training. Default 300.</summary>
    public int Steps { get; set; } = 300;

    /// <summary>Encoder training steps after the GAN. Default 300.</summary>
    public int EncoderSteps { get; set; } = 300;

    /// <summary>Training batch size in windows. Default 64.</summary>
    public int BatchSize { get; set; } = 64;

    /// <summary>Rows between the starts of consecutive training windows, which subsamples the training set. Default 4.</summary>
    public int TrainingStride { get; set; } = 4;

    /// <summary>
    /// Share of the train file's last rows held out from training; the threshold is the <see cref="Quantile"/> of
    /// the scores of their windows. In (0, 0.5]. Default 0.2.
    /// </summary>
    public double CalibrationFraction { get; set; } = 0.2;

    /// <summary>Quantile of the held-out scores used as the label-free threshold, in (0, 1). Default 0.995.</summary>
    public double Quantile { get; set; } = 0.995;

    /// <summary>Seed for weights, batches and noise. Default 1.</summary>
    public long Seed { get; set; } = 1;

    /// <summary>TorchSharp CPU threads (process-wide). Default 2.</summary>
    public int Threads { get; set; } = 2;

    /// <summary>Returns every problem with these options; an empty list means they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        Check(problems, nameof(WindowLength), WindowLength, 8);
        Check(problems, nameof(LatentSize), LatentSize, 1);
        Check(problems, nameof(Width), Width, 1);
        Check(problems, nameof(Steps), Steps, 1);
        Check(problems, nameof(EncoderSteps), EncoderSteps, 1);
        Check(problems, nameof(BatchSize), BatchSize, 2);
        Check(problems, nameof(TrainingStride), TrainingStride, 1);
        Check(problems, nameof(Threads), Threads, 1);
        if (!(CalibrationFraction > 0 && CalibrationFraction <= 0.5))
        {
            problems.Add($"CalibrationFraction is {CalibrationFraction}; it must be in (0, 0.5], for example 0.2.");
        }

        if (!(Quantile > 0 && Quantile < 1))
        {
            problems.Add($"Quantile is {Quantile}; it must be in (0, 1), for example 0.995.");
        }

        return problems;
    }

    /// <summary>Throws <see cref="ArgumentException"/> listing every problem when <see cref="Validate"/> finds any.</summary>
    public void ThrowIfInvalid()
    {
        var problems = Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid SMD run options: " + string.Join(" ", problems));
        }
    }

    private static void Check(List<string> problems, string name, int value, int minimum)
    {
        if (value < minimum)
        {
            problems.Add($"{name} is {value}; it must be at least {minimum}.");
        }
    }
}
