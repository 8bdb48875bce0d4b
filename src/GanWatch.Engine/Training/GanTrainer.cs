using GanWatch.Engine.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace GanWatch.Engine.Training;

/// <summary>
/// Trains the generator and critic of a <see cref="GanNetworks"/> on normalised windows with WGAN-GP or the
/// non-saturating GAN loss. Not thread-safe; the networks must not be used by another thread while training runs.
/// </summary>
internal sealed class GanTrainer
{
    private readonly GanNetworks networks;
    private readonly TrainingOptions options;
    private readonly TimeProvider timeProvider;
    private readonly StepPause pause;

    public GanTrainer(GanNetworks networks, TrainingOptions options, TimeProvider timeProvider, StepPause pause = default)
    {
        options.ThrowIfInvalid();
        this.networks = networks;
        this.options = options;
        this.timeProvider = timeProvider;
        this.pause = pause;
    }

    /// <summary>
    /// Runs <see cref="TrainingOptions.Steps"/> generator updates on <paramref name="data"/> ([n, channels, length], on the
    /// networks' device), leaving the networks frozen and in evaluation mode.
    /// </summary>
    /// <returns>The last progress values, or null when no step ran.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled; the networks keep the updates made so far.</exception>
    public TrainingProgress? Train(Tensor data, BatchSampler sampler, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        var generator = networks.Generator;
        var critic = networks.Critic;
        int batchSize = options.BatchSize;
        int latent = networks.Options.LatentSize;
        int criticSteps = options.EffectiveCriticSteps;
        TrainingProgress? last = null;

        networks.SetTrainable(true);
        generator.train();
        critic.train();
        try
        {
            using var generatorOptimizer = torch.optim.Adam(generator.parameters(), options.LearningRate, options.Beta1, options.Beta2);
            using var criticOptimizer = torch.optim.Adam(critic.parameters(), options.LearningRate, options.Beta1, options.Beta2);
            long start = timeProvider.GetTimestamp();

            for (int step = 1; step <= options.Steps; step++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var scope = torch.NewDisposeScope();

                Tensor criticLoss = null!;
                Tensor wasserstein = null!;
                for (int i = 0; i < criticSteps; i++)
                {
                    var real = sampler.Windows(data, batchSize);
                    Tensor fake;
                    using (torch.no_grad())
                    {
                        fake = generator.forward(sampler.Normal(batchSize, latent));
                    }

                    criticOptimizer.zero_grad();
                    var realScore = critic.forward(real);
                    var fakeScore = critic.forward(fake);
                    wasserstein = realScore.mean() - fakeScore.mean();
                    criticLoss = options.Objective == GanObjective.WganGp
                        ? -wasserstein + (options.GradientPenaltyWeight * GradientPenalty(real, fake, sampler))
                        : nn.functional.binary_cross_entropy_with_logits(realScore, torch.ones_like(realScore))
                          + nn.functional.binary_cross_entropy_with_logits(fakeScore, torch.zeros_like(fakeScore));
                    criticLoss.backward();
                    criticOptimizer.step();
                }

                generatorOptimizer.zero_grad();
                var generatedScore = critic.forward(generator.forward(sampler.Normal(batchSize, latent)));
                var generatorLoss = options.Objective == GanObjective.WganGp
                    ? -generatedScore.mean()
                    : nn.functional.binary_cross_entropy_with_logits(generatedScore, torch.ones_like(generatedScore));
                generatorLoss.backward();
                generatorOptimizer.step();

                if (step % options.ProgressInterval == 0 || step == options.Steps)
                {
                    var elapsed = timeProvider.GetElapsedTime(start);
                    last = new TrainingProgress(
                        TrainingPhase.Adversarial,
                        step,
                        options.Steps,
                        criticLoss.item<float>(),
                        generatorLoss.item<float>(),
                        wasserstein.item<float>(),
                        double.NaN,
                        elapsed,
                        elapsed / step * (options.Steps - step));
                    progress?.Report(last);
                }

                pause.AfterStep(step, options.Steps, cancellationToken);
            }
        }
        finally
        {
            networks.SetTrainable(false);
            networks.Eval();
        }

        return last;
    }

    /// <summary>
    /// Returns E[(||grad D(x_hat)||_2 - 1)^2] over random interpolates x_hat between real and generated windows.
    /// </summary>
    private Tensor GradientPenalty(Tensor real, Tensor fake, BatchSampler sampler)
    {
        var epsilon = sampler.Uniform(real.shape[0], 1, 1);
        var interpolates = ((epsilon * real) + ((1 - epsilon) * fake)).detach().requires_grad_(true);
        var score = networks.Critic.forward(interpolates);

        // TorchSharp does not default retain_graph to create_graph as PyTorch does, so both are set.
        var gradients = torch.autograd.grad(
            new[] { score },
            new[] { interpolates },
            new[] { torch.ones_like(score) },
            retain_graph: true,
            create_graph: true)[0];
        // The small constant keeps the square root differentiable where a gradient is exactly zero.
        var norms = (gradients.flatten(1).pow(2).sum(1) + 1e-12).sqrt();
        return (norms - 1).pow(2).mean();
    }
}
