"""GanWatch's window scores in PyTorch, step for step as Scorer.Score in src/GanWatch.Engine/Scoring/Scorer.cs.

score = (1 - lambda) * mean |x - G(z)| + lambda * mean |f(x) - f(G(z))|, where x is the normalised window, f the
critic's last convolution features, and z starts from E(x) or from a standard normal draw and then takes K Adam steps
that lower the sum of the per-window losses.
"""

import numpy as np
import torch

# Adam's settings in the C# scorer: TorchSharp 0.107.0's torch.optim.Adam defaults, with only the learning rate set.
ADAM_BETA1 = 0.9
ADAM_BETA2 = 0.999
ADAM_EPSILON = 1e-8


class ScoringOptions:
    """The scoring options of a GanWatch model (the "scoring" section of model.json), with the same defaults."""

    def __init__(self, values=None):
        values = values or {}
        self.inversion_steps = int(values.get("inversionSteps", 0))
        self.learning_rate = float(values.get("inversionLearningRate", 0.05))
        self.start = str(values.get("start", "Encoder"))
        self.feature_weight = float(values.get("featureWeight", 0.1))
        self.seed = int(values.get("seed", 1))
        self.max_batch_size = int(values.get("maxBatchSize", 1024))
        if self.start not in ("Encoder", "Random"):
            raise ValueError(f"start is '{self.start}'; use Encoder or Random.")
        if self.inversion_steps < 0:
            raise ValueError(f"inversionSteps is {self.inversion_steps}; it must be 0 or more.")
        if self.start == "Random" and self.inversion_steps == 0:
            raise ValueError("start is Random with inversionSteps 0, which would score against random noise; set inversionSteps above 0.")
        if self.max_batch_size < 1:
            raise ValueError(f"maxBatchSize is {self.max_batch_size}; it must be at least 1.")


def score(model, raw, options):
    """Score raw windows [n, channels, length] and return a dict of NumPy arrays, one row per window.

    Keys: score, residual, featureDistance (each [n]), channelResiduals and lastPointResiduals (each [n, channels]).
    """
    # The C# scorer restarts its noise generator from the seed on every call and draws one chunk after another.
    noise = torch.Generator().manual_seed(options.seed)
    parts = []
    for start in range(0, raw.shape[0], options.max_batch_size):
        parts.append(_score_chunk(model, raw[start:start + options.max_batch_size], options, noise))
    return {key: np.concatenate([part[key] for part in parts]) for key in parts[0]}


def _score_chunk(model, raw, options, noise):
    generator = model.generator
    critic = model.critic
    lam = options.feature_weight
    n = raw.shape[0]

    x = model.normalise(raw)
    with torch.no_grad():
        if options.start == "Encoder":
            z = model.encoder(x)
        else:
            z = torch.randn((n, model.shape["latentSize"]), generator=noise)
        real_features = critic.features(x)

    if options.inversion_steps > 0:
        z = _invert(generator, critic, x, real_features, z, options)

    with torch.no_grad():
        generated = generator(z)
        difference = (x - generated).abs()
        channel_residuals = difference.mean(dim=2)
        last_residuals = difference.select(2, x.shape[2] - 1)
        residual = channel_residuals.mean(dim=1)
        features = (real_features - critic.features(generated)).abs().mean(dim=1)
        window_score = (1 - lam) * residual + lam * features
        return {
            "score": window_score.numpy().copy(),
            "residual": residual.numpy().copy(),
            "featureDistance": features.numpy().copy(),
            "channelResiduals": channel_residuals.numpy().copy(),
            "lastPointResiduals": last_residuals.contiguous().numpy().copy(),
        }


def _invert(generator, critic, x, real_features, start, options):
    """Take K Adam steps on z for the whole batch, with the update written out as TorchSharp 0.107.0's Adam.step does it."""
    lam = options.feature_weight
    latent = start.clone().requires_grad_(True)
    exp_avg = torch.zeros_like(latent)
    exp_avg_sq = torch.zeros_like(latent)
    for step in range(1, options.inversion_steps + 1):
        generated = generator(latent)
        residual = (x - generated).abs().mean(dim=(1, 2))
        features = (real_features - critic.features(generated)).abs().mean(dim=1)
        # Summing the per-window losses keeps each window's gradient independent of the batch size.
        loss = ((1 - lam) * residual + lam * features).sum()
        (gradient,) = torch.autograd.grad(loss, latent)

        with torch.no_grad():
            bias_correction1 = 1 - ADAM_BETA1 ** step
            bias_correction2 = 1 - ADAM_BETA2 ** step
            exp_avg.mul_(ADAM_BETA1).add_(gradient, alpha=1 - ADAM_BETA1)
            exp_avg_sq.mul_(ADAM_BETA2).addcmul_(gradient, gradient, value=1 - ADAM_BETA2)
            denominator = (exp_avg_sq.sqrt() / (bias_correction2 ** 0.5)).add_(ADAM_EPSILON)
            latent.addcdiv_(exp_avg, denominator, value=-options.learning_rate / bias_correction1)

    return latent.detach()
