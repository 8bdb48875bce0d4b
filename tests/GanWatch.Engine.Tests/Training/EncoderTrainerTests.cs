using GanWatch.Engine.Models;
using GanWatch.Engine.Normalization;
using GanWatch.Engine.Tests.Support;
using GanWatch.Engine.Training;
using TorchSharp;

namespace GanWatch.Engine.Tests.Training;

public class EncoderTrainerTests
{
    [Fact]
    public void Training_LowersIziFLossAndKeepsGeneratorFixed()
    {
        var options = new TrainingOptions { Steps = 100, EncoderSteps = 150, BatchSize = 32, LearningRate = 1e-3, Seed = 4 };
        using var networks = GanNetworks.Create(TrainedModels.SmallShape(channels: 1), torch.CPU, options.Seed);
        var raw = SineData.Windows(windows: 300, channels: 1, TrainedModels.WindowLength, stride: 2, seed: 8);
        var normalized = Normalizer.Fit(raw).Apply(raw);
        using var scope = torch.NewDisposeScope();
        var data = torch.tensor(normalized.Values, new long[] { normalized.Count, 1, TrainedModels.WindowLength });
        using var sampler = new BatchSampler(options.Seed, normalized.Count, torch.CPU);
        new GanTrainer(networks, options, TimeProvider.System).Train(data, sampler, progress: null, TestContext.Current.CancellationToken);
        var trainer = new EncoderTrainer(networks, options, TimeProvider.System);
        var generatorBefore = networks.Generator.parameters().Select(p => p.clone()).ToList();

        double before = EvaluateLoss(trainer, data);
        var last = trainer.Train(data, sampler, progress: null, TestContext.Current.CancellationToken);
        double after = EvaluateLoss(trainer, data);

        Assert.NotNull(last);
        Assert.Equal(TrainingPhase.Encoder, last.Phase);
        Assert.True(after < 0.5 * before, $"The izi_f loss went from {before:F4} to {after:F4}; expected at least halving.");
        Assert.All(
            networks.Generator.parameters().Zip(generatorBefore),
            pair => Assert.True(pair.First.allclose(pair.Second, rtol: 0, atol: 0)));
        Assert.All(networks.Encoder.parameters(), p => Assert.False(p.requires_grad));
    }

    private static double EvaluateLoss(EncoderTrainer trainer, torch.Tensor data)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        return trainer.Loss(data).item<float>();
    }
}
