using GanWatch.Engine.Data;
using GanWatch.Engine.Models;
using GanWatch.Engine.Normalization;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GanWatch.Engine.Scoring;

/// <summary>
/// Scores raw windows by latent inversion: normalise, start z from E(x) or noise, take K Adam steps on z for the whole
/// batch at once, then compare x with G(z) in data space and in the critic's feature space.
/// </summary>
/// <remarks>
/// Not thread-safe: one thread may score at a time, and the networks must not be trained meanwhile. Scoring uses
/// evaluation mode, so BatchNorm running statistics never change.
/// </remarks>
internal sealed class Scorer
{
    private readonly GanNetworks networks;
    private readonly Normalizer normalizer;

    public Scorer(GanNetworks networks, Normalizer normalizer)
    {
        this.networks = networks;
        this.normalizer = normalizer;
    }

    /// <summary>Returns one score per window of <paramref name="raw"/>, in order.</summary>
    /// <exception cref="ArgumentException">The windows do not match the model's shape, or the options are invalid.</exception>
    public WindowScore[] Score(WindowBatch raw, ScoringOptions options)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(options);
        options.ThrowIfInvalid();
        var shape = networks.Options;
        if (raw.Channels != shape.Channels || raw.Length != shape.WindowLength)
        {
            throw new ArgumentException(
                $"The windows are {raw.Channels} channels x {raw.Length} steps, but the model expects {shape.Channels} x {shape.WindowLength}. " +
                "Build windows with the model's channel count and window length.",
                nameof(raw));
        }

        var results = new WindowScore[raw.Count];
        using var noise = new torch.Generator(unchecked((ulong)options.Seed), torch.CPU);
        networks.Eval();
        for (int start = 0; start < raw.Count; start += options.MaxBatchSize)
        {
            int count = Math.Min(options.MaxBatchSize, raw.Count - start);
            var chunk = start == 0 && count == raw.Count ? raw : raw.Slice(start, count);
            ScoreChunk(chunk, options, noise).CopyTo(results, start);
        }

        return results;
    }

    private WindowScore[] ScoreChunk(WindowBatch raw, ScoringOptions options, torch.Generator noise)
    {
        using var scope = torch.NewDisposeScope();
        int n = raw.Count;
        int channels = raw.Channels;
        int length = raw.Length;
        var device = networks.Device;
        var generator = networks.Generator;
        var critic = networks.Critic;

        var x = Normalise(torch.tensor(raw.Values, new long[] { n, channels, length }, device: device));
        Tensor z;
        Tensor realFeatures;
        using (torch.no_grad())
        {
            z = options.Start == InversionStart.Encoder
                ? networks.Encoder.forward(x)
                : torch.randn(new long[] { n, networks.Options.LatentSize }, generator: noise).to(device);
            realFeatures = critic.Features(x);
        }

        double lambda = options.FeatureWeight;
        if (options.InversionSteps > 0)
        {
            var latent = new Parameter(z.clone(), requires_grad: true);
            using var optimizer = torch.optim.Adam(new[] { latent }, options.InversionLearningRate);
            for (int step = 0; step < options.InversionSteps; step++)
            {
                using var stepScope = torch.NewDisposeScope();
                optimizer.zero_grad();
                var generated = generator.forward(latent);
                var residual = (x - generated).abs().mean(new long[] { 1, 2 });
                var features = (realFeatures - critic.Features(generated)).abs().mean(new long[] { 1 });

                // Summing the per-window losses keeps each window's gradient independent of the batch size.
                var loss = (((1 - lambda) * residual) + (lambda * features)).sum();
                loss.backward();
                optimizer.step();
            }

            z = latent.detach();
        }

        using (torch.no_grad())
        {
            var generated = generator.forward(z);
            var difference = (x - generated).abs();
            var channelResiduals = difference.mean(new long[] { 2 });
            var lastResiduals = difference.select(2, length - 1);
            var residual = channelResiduals.mean(new long[] { 1 });
            var features = (realFeatures - critic.Features(generated)).abs().mean(new long[] { 1 });
            var score = ((1 - lambda) * residual) + (lambda * features);

            var summary = torch.stack(new[] { score, residual, features }, 1).cpu().data<float>().ToArray();
            var perChannel = channelResiduals.cpu().data<float>().ToArray();
            var lastPoint = lastResiduals.contiguous().cpu().data<float>().ToArray();
            var results = new WindowScore[n];
            for (int i = 0; i < n; i++)
            {
                results[i] = new WindowScore(
                    summary[3 * i],
                    summary[(3 * i) + 1],
                    summary[(3 * i) + 2],
                    perChannel.AsSpan(i * channels, channels).ToArray(),
                    lastPoint.AsSpan(i * channels, channels).ToArray());
            }

            return results;
        }
    }

    private Tensor Normalise(Tensor x)
    {
        int channels = normalizer.Channels;
        var scales = new float[channels];
        for (int c = 0; c < channels; c++)
        {
            scales[c] = normalizer.Scale(c);
        }

        var device = networks.Device;
        var mean = torch.tensor(normalizer.Means, new long[] { 1, channels, 1 }, device: device);
        var scale = torch.tensor(scales, new long[] { 1, channels, 1 }, device: device);
        return (x - mean) / scale;
    }
}
