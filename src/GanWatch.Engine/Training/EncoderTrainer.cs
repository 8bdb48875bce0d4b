using GanWatch.Engine.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace GanWatch.Engine.Training;

/// <summary>
/// Trains the encoder E with the f-AnoGAN izi_f loss while the generator G and critic D stay frozen:
/// ||x - G(E(x))||^2 / (C * L) + kappa * ||f(x) - f(G(E(x)))||^2 / nf, averaged over the batch, where f is the critic's
/// feature vector of size nf. Not thread-safe.
/// </summary>
internal sealed class EncoderTrainer
{
    private readonly GanNetworks networks;
    private readonly TrainingOptions options;
    private readonly TimeProvider timeProvider;
    private readonly StepPause pause;

    public EncoderTrainer(GanNetworks networks, TrainingOptions options, TimeProvider timeProvider, StepPause pause = default)
    {
        options.ThrowIfInvalid();
        this.networks = networks;
        this.options = options;
        this.timeProvider = timeProvider;
        this.pause = pause;
    }

    /// <summary>Runs <see cref="TrainingOptions.EncoderSteps"/> encoder updates and leaves the networks frozen and in evaluation mode.</summary>
    /// <returns>The last progress values, or null when no step ran.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public TrainingProgress? Train(Tensor data, BatchSampler sampler, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        var encoder = networks.Encoder;
        TrainingProgress? last = null;

        networks.SetTrainable(false);
        networks.Eval();
        foreach (var parameter in encoder.parameters())
        {
            parameter.requires_grad = true;
        }

        encoder.train();
        try
        {
            using var optimizer = torch.optim.Adam(encoder.parameters(), options.LearningRate, options.Beta1, options.Beta2);
            long start = timeProvider.GetTimestamp();
            for (int step = 1; step <= options.EncoderSteps; step++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var scope = torch.NewDisposeScope();

                var real = sampler.Windows(data, options.BatchSize);
                optimizer.zero_grad();
                var loss = Loss(real);
                loss.backward();
                optimizer.step();

                if (step % options.ProgressInterval == 0 || step == options.EncoderSteps)
                {
                    var elapsed = timeProvider.GetElapsedTime(start);
                    last = new TrainingProgress(
                        TrainingPhase.Encoder,
                        step,
                        options.EncoderSteps,
                        double.NaN,
                        double.NaN,
                        double.NaN,
                        loss.item<float>(),
                        elapsed,
                        elapsed / step * (options.EncoderSteps - step));
                    progress?.Report(last);
                }

                pause.AfterStep(step, options.EncoderSteps, cancellationToken);
            }
        }
        finally
        {
            networks.SetTrainable(false);
            networks.Eval();
        }

        return last;
    }

    /// <summary>Returns the izi_f loss of the encoder on <paramref name="real"/>, averaged over the batch.</summary>
    public Tensor Loss(Tensor real)
    {
        var reconstruction = networks.Generator.forward(networks.Encoder.forward(real));
        var residual = nn.functional.mse_loss(reconstruction, real);
        var featureDistance = nn.functional.mse_loss(networks.Critic.Features(reconstruction), networks.Critic.Features(real));
        return residual + (options.FeatureWeight * featureDistance);
    }
}
