using System.Text.Json.Nodes;
using GanWatch.Engine.Data;
using GanWatch.Engine.Models;
using GanWatch.Engine.Scoring;
using GanWatch.Engine.Tests.Support;
using GanWatch.Engine.Training;
using TorchSharp;

namespace GanWatch.Engine.Tests.Scoring;

/// <summary>
/// Checks that the PyTorch reference in benchmarks/pytorch, loading the same saved model directory, returns the same
/// scores as <see cref="GanModel.Score(WindowBatch, ScoringOptions)"/>. The two sides run different libtorch builds
/// (TorchSharp's and Debian's), so results agree to float32 rounding, not bit for bit.
/// </summary>
public sealed class PyTorchReferenceTests(PyTorchReference reference) : IClassFixture<PyTorchReference>
{
    // Relative tolerance on every score and residual, plus an absolute floor for values near zero. Measured
    // differences were about 1e-7; 1e-5 leaves room for other kernels in another libtorch build.
    private const double RelativeTolerance = 1e-5;
    private const double AbsoluteTolerance = 1e-6;

    [Theory]
    [InlineData(1, 32, 0, InversionStart.Encoder)]
    [InlineData(1, 32, 5, InversionStart.Encoder)]
    [InlineData(1, 32, 10, InversionStart.Random)]
    [InlineData(3, 50, 0, InversionStart.Encoder)]
    [InlineData(3, 50, 5, InversionStart.Encoder)]
    [InlineData(3, 50, 10, InversionStart.Random)]
    public void Scores_MatchPyTorchReference(int channels, int windowLength, int steps, InversionStart start)
    {
        if (reference.SkipReason is not null)
        {
            Assert.Skip(reference.SkipReason);
        }

        string name = $"c{channels}-w{windowLength}";
        string directory = Path.Combine(reference.WorkFolder, name);
        if (!Directory.Exists(directory))
        {
            TrainAndSave(channels, windowLength, directory);
            reference.Load(name, directory);
        }

        using var model = GanModel.Load(directory, torch.CPU);
        var clean = SineData.Windows(windows: 30, channels, windowLength, stride: 3, seed: 90);
        var random = new Random(7);
        var windows = SineData.WithSpikes(clean, height: 3f, channelOf: i => i % channels, stepOf: _ => random.Next(windowLength));

        // MaxBatchSize 8 splits the 30 windows into chunks, so random starts must also draw their noise chunk by chunk.
        var options = new ScoringOptions { InversionSteps = steps, Start = start, MaxBatchSize = 8 };
        var expected = model.Score(windows, options);
        var actual = reference.Score(name, windows, new JsonObject
        {
            ["inversionSteps"] = steps,
            ["start"] = start.ToString(),
            ["maxBatchSize"] = options.MaxBatchSize,
        });

        AssertClose("score", expected.Select(s => s.Score).ToArray(), Flat(actual["score"]!));
        AssertClose("residual", expected.Select(s => s.Residual).ToArray(), Flat(actual["residual"]!));
        AssertClose("featureDistance", expected.Select(s => s.FeatureDistance).ToArray(), Flat(actual["featureDistance"]!));
        AssertClose("channelResiduals", expected.SelectMany(s => s.ChannelResiduals.Select(v => (double)v)).ToArray(), Flat(actual["channelResiduals"]!));
        AssertClose("lastPointResiduals", expected.SelectMany(s => s.LastPointResiduals.Select(v => (double)v)).ToArray(), Flat(actual["lastPointResiduals"]!));
    }

    private static void TrainAndSave(int channels, int windowLength, string directory)
    {
        // Window 50 makes the generator crop its output and the critic round odd lengths down, unlike window 32.
        var shape = new GanOptions
        {
            WindowLength = windowLength,
            Channels = channels,
            LatentSize = 8,
            GeneratorWidth = 8,
            CriticWidth = 8,
            EncoderWidth = 8,
        };
        var training = new TrainingOptions { Steps = 10, EncoderSteps = 10, BatchSize = 16, LearningRate = 1e-3, Seed = 4, Threads = 1 };
        var windows = SineData.Windows(windows: 64, channels, windowLength, stride: 2, seed: 12);
        using var model = GanModel.Train(windows, shape, training, torch.CPU);
        model.Save(directory);
    }

    private static double[] Flat(JsonNode node) => node is JsonArray array
        ? array.SelectMany(item => item is JsonArray ? Flat(item!) : [item!.GetValue<double>()]).ToArray()
        : throw new InvalidOperationException($"Expected a JSON array, got {node.ToJsonString()}.");

    private static void AssertClose(string quantity, double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double difference = Math.Abs(expected[i] - actual[i]);
            double allowed = AbsoluteTolerance + (RelativeTolerance * Math.Abs(expected[i]));
            Assert.True(
                difference <= allowed,
                $"{quantity}[{i}]: GanWatch {expected[i]:R}, PyTorch {actual[i]:R}, difference {difference:E2} above {allowed:E2}.");
        }
    }
}
