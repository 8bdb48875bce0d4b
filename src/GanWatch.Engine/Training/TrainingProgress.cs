namespace GanWatch.Engine.Training;

/// <summary>A progress report from training, sent every <see cref="TrainingOptions.ProgressInterval"/> steps and after the last step.</summary>
/// <param name="Phase">The phase the step belongs to.</param>
/// <param name="Step">The number of steps completed in this phase (1-based).</param>
/// <param name="TotalSteps">The number of steps this phase will run.</param>
/// <param name="CriticLoss">The critic's loss on the last critic update; NaN in the encoder phase.</param>
/// <param name="GeneratorLoss">The generator's loss on the last generator update; NaN in the encoder phase.</param>
/// <param name="WassersteinEstimate">
/// mean D(real) - mean D(fake) on the last critic batch: an estimate of the Wasserstein distance for WGAN-GP, a logit
/// gap for the plain GAN; NaN in the encoder phase.
/// </param>
/// <param name="EncoderLoss">The encoder's izi_f loss on the last update; NaN in the adversarial phase.</param>
/// <param name="Elapsed">Time spent in this phase so far.</param>
/// <param name="Remaining">Estimated time left in this phase, extrapolated from the mean step time.</param>
public sealed record TrainingProgress(
    TrainingPhase Phase,
    int Step,
    int TotalSteps,
    double CriticLoss,
    double GeneratorLoss,
    double WassersteinEstimate,
    double EncoderLoss,
    TimeSpan Elapsed,
    TimeSpan Remaining);
