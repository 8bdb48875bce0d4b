using GanWatch.Engine.Models;
using GanWatch.Engine.Normalization;
using GanWatch.Engine.Tests.Support;
using GanWatch.Engine.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace GanWatch.Engine.Tests.Training;

public class AdversarialTrainingTests
{
    private const int Length = 32;

    [Theory]
    [InlineData(GanObjective.WganGp, 150)]
    [InlineData(GanObjective.Gan, 300)]
    public void Training_MovesGeneratedStatisticsTowardData(GanObjective objective, int steps)
    {
        var options = new TrainingOptions { Objective = objective, Steps = steps, BatchSize = 32, LearningRate = 1e-3, EncoderSteps = 0, Seed = 5 };
        var shape = TrainedModels.SmallShape(channels: 1);
        using var networks = GanNetworks.Create(shape, torch.CPU, options.Seed);
        var raw = SineData.Windows(windows: 400, channels: 1, Length, stride: 2, seed: 21);
        var normalized = Normalizer.Fit(raw).Apply(raw);
        using var scope = torch.NewDisposeScope();
        var data = torch.tensor(normalized.Values, new long[] { normalized.Count, 1, Length });

        double before = StatisticsGap(networks, data);
        using (var sampler = new BatchSampler(options.Seed, normalized.Count, torch.CPU))
        {
            new GanTrainer(networks, options, TimeProvider.System).Train(data, sampler, progress: null, TestContext.Current.CancellationToken);
        }

        double after = StatisticsGap(networks, data);

        Assert.True(after < 0.5 * before, $"{objective}: the statistics gap went from {before:F3} to {after:F3}; expected at least halving.");
    }

    [Fact]
    public void Training_ReportsProgressAtIntervals()
    {
        var options = new TrainingOptions { Steps = 7, BatchSize = 8, EncoderSteps = 0, ProgressInterval = 3, Seed = 1 };
        using var networks = GanNetworks.Create(TrainedModels.SmallShape(channels: 1), torch.CPU, options.Seed);
        var raw = SineData.Windows(windows: 20, channels: 1, Length, stride: 1, seed: 1);
        using var scope = torch.NewDisposeScope();
        var data = torch.tensor(raw.Values, new long[] { raw.Count, 1, Length });
        var reports = new List<TrainingProgress>();

        using (var sampler = new BatchSampler(options.Seed, raw.Count, torch.CPU))
        {
            new GanTrainer(networks, options, TimeProvider.System).Train(data, sampler, new SynchronousProgress<TrainingProgress>(reports), TestContext.Current.CancellationToken);
        }

        Assert.Equal(new[] { 3, 6, 7 }, reports.Select(r => r.Step));
        Assert.All(reports, r => Assert.Equal(TrainingPhase.Adversarial, r.Phase));
        Assert.All(reports, r => Assert.Equal(7, r.TotalSteps));
        Assert.All(reports, r => Assert.True(double.IsFinite(r.CriticLoss) && double.IsFinite(r.GeneratorLoss) && double.IsFinite(r.WassersteinEstimate)));
        Assert.Equal(TimeSpan.Zero, reports[^1].Remaining);
        Assert.True(reports[^1].Elapsed >= reports[0].Elapsed);
    }

    [Fact]
    public void Training_LeavesNetworksFrozen()
    {
        var options = new TrainingOptions { Steps = 2, BatchSize = 8, EncoderSteps = 0 };
        using var networks = GanNetworks.Create(TrainedModels.SmallShape(channels: 1), torch.CPU, options.Seed);
        var raw = SineData.Windows(windows: 10, channels: 1, Length, stride: 1, seed: 1);
        using var scope = torch.NewDisposeScope();
        var data = torch.tensor(raw.Values, new long[] { raw.Count, 1, Length });

        using (var sampler = new BatchSampler(options.Seed, raw.Count, torch.CPU))
        {
            new GanTrainer(networks, options, TimeProvider.System).Train(data, sampler, progress: null, TestContext.Current.CancellationToken);
        }

        Assert.All(networks.Generator.parameters(), p => Assert.False(p.requires_grad));
        Assert.All(networks.Critic.parameters(), p => Assert.False(p.requires_grad));
        Assert.False(networks.Generator.training);
    }

    [Fact]
    public void Training_StopsWhenCancelled()
    {
        var options = new TrainingOptions { Steps = 1000, BatchSize = 8, EncoderSteps = 0 };
        using var networks = GanNetworks.Create(TrainedModels.SmallShape(channels: 1), torch.CPU, options.Seed);
        var raw = SineData.Windows(windows: 10, channels: 1, Length, stride: 1, seed: 1);
        using var scope = torch.NewDisposeScope();
        var data = torch.tensor(raw.Values, new long[] { raw.Count, 1, Length });
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        using var sampler = new BatchSampler(options.Seed, raw.Count, torch.CPU);
        Assert.Throws<OperationCanceledException>(
            () => new GanTrainer(networks, options, TimeProvider.System).Train(data, sampler, progress: null, cancellation.Token));
        Assert.False(networks.Generator.training);
    }

    [Fact]
    public void TrainingOptions_ValidateListsEveryProblem()
    {
        var options = new TrainingOptions { Steps = -1, BatchSize = 1, CriticStepsPerGeneratorStep = 0, LearningRate = 0, Beta1 = 1, Beta2 = -0.1, Threads = -2 };

        var problems = options.Validate();

        Assert.Equal(7, problems.Count);
        Assert.Empty(new TrainingOptions().Validate());
        Assert.Equal(5, new TrainingOptions().EffectiveCriticSteps);
        Assert.Equal(1, new TrainingOptions { Objective = GanObjective.Gan }.EffectiveCriticSteps);
    }

    /// <summary>
    /// Returns |mean window std (generated) - mean window std (data)| + |mean lag-8 autocorrelation (generated) - (data)|.
    /// The period-16 sine has lag-8 autocorrelation near -1, which noise from an untrained generator lacks.
    /// </summary>
    private static double StatisticsGap(GanNetworks networks, Tensor data)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        networks.Eval();
        using var noise = new torch.Generator(99);
        var generated = networks.Generator.forward(torch.randn(new long[] { 256, networks.Options.LatentSize }, generator: noise));
        return Math.Abs(WindowStd(generated) - WindowStd(data)) + Math.Abs(LagCorrelation(generated, 8) - LagCorrelation(data, 8));
    }

    private static double WindowStd(Tensor windows) => windows.std(new long[] { 2 }).mean().item<float>();

    private static double LagCorrelation(Tensor windows, int lag)
    {
        var centered = windows - windows.mean(new long[] { 2 }, keepdim: true);
        long length = windows.shape[2];
        var head = centered.narrow(2, 0, length - lag);
        var tail = centered.narrow(2, lag, length - lag);
        var correlation = (head * tail).sum(2) / ((head.pow(2).sum(2) * tail.pow(2).sum(2)).sqrt() + 1e-6);
        return correlation.mean().item<float>();
    }
}
