using System.Text.Json.Nodes;
using GanWatch.Engine.Features;
using GanWatch.Engine.FineTuning;
using GanWatch.Engine.Models;
using GanWatch.Engine.Persistence;
using GanWatch.Engine.Tests.Support;
using GanWatch.Engine.Training;
using TorchSharp;

namespace GanWatch.Engine.Tests.Features;

/// <summary>A small event model trained once for this class on <see cref="SyntheticEvents"/>.</summary>
public sealed class EventModelFixture : IDisposable
{
    public EventModelFixture()
    {
        var shape = new GanOptions { LatentSize = 8, GeneratorWidth = 32, CriticWidth = 32, EncoderWidth = 32 };
        var training = new TrainingOptions { Steps = 1000, EncoderSteps = 1000, BatchSize = 64, LearningRate = 1e-3, Seed = 5, Threads = 1 };
        Model = GanModel.TrainEvents(SyntheticEvents.Normal(3000, seed: 1), SyntheticEvents.Schema(), shape, training, torch.CPU);
    }

    public GanModel Model { get; }

    public void Dispose() => Model.Dispose();
}

public class EventModelTests(EventModelFixture fixture) : IClassFixture<EventModelFixture>
{
    [Fact]
    public void TrainEvents_UsesDenseNetworksOverEncodedColumns()
    {
        GanOptions shape = fixture.Model.Shape;

        Assert.Equal(NetworkArchitecture.Dense, shape.Architecture);
        Assert.Equal(1, shape.WindowLength);
        Assert.Equal(fixture.Model.Features!.Width, shape.Channels);

        // 3 numeric columns, protocol tcp/udp/icmp + unseen, service http/dns/smtp/ping + unseen.
        Assert.Equal(3 + 4 + 5, shape.Channels);
    }

    [Fact]
    public void EventModel_SeparatesInjectedOutliers()
    {
        List<FeatureRow> normal = SyntheticEvents.Normal(400, seed: 2);
        List<FeatureRow> outliers = SyntheticEvents.Outliers(100, seed: 3);

        double[] normalScores = fixture.Model.ScoreEvents(normal).Select(s => s.Score).ToArray();
        double[] outlierScores = fixture.Model.ScoreEvents(outliers).Select(s => s.Score).ToArray();

        double auc = RocAuc.Compute(normalScores, outlierScores);
        Assert.True(auc >= 0.9, $"AUC of outliers against normal events is {auc:F3}; expected at least 0.9.");
        double cutoff = normalScores.Concat(outlierScores).OrderDescending().ElementAt(outliers.Count - 1);
        int outliersInTop = outlierScores.Count(score => score >= cutoff);
        Assert.True(outliersInTop >= 70, $"{outliersInTop} of the {outliers.Count} highest scores are outliers; expected at least 70.");
    }

    [Fact]
    public void FieldResiduals_NameTheBrokenField()
    {
        FeatureEncoder encoder = fixture.Model.Features!;
        List<FeatureRow> farLoad = SyntheticEvents.Outliers(40, seed: 4).Where((_, i) => i % 4 == 2).ToList();

        var topFields = fixture.Model.ScoreEvents(farLoad)
            .Select(score => encoder.FieldResiduals(score.ChannelResiduals))
            .Select(residuals => encoder.Fields[Array.IndexOf(residuals, residuals.Max())].Name)
            .ToList();

        Assert.All(topFields, name => Assert.Equal("load", name));
    }

    [Fact]
    public void SaveAndLoad_KeepEncoderAndScores()
    {
        using var directory = new TemporaryDirectory();
        string path = Path.Combine(directory.Path, "events");
        List<FeatureRow> rows = SyntheticEvents.Normal(50, seed: 6).Concat(SyntheticEvents.Outliers(10, seed: 7)).ToList();

        fixture.Model.Save(path);
        using var loaded = GanModel.Load(path, torch.CPU);

        Assert.NotNull(loaded.Features);
        Assert.Equal(fixture.Model.Features!.ColumnNames, loaded.Features.ColumnNames);
        Assert.Equal(fixture.Model.Features.Fields.Select(f => f.Offset), loaded.Features.Fields.Select(f => f.Offset));
        Assert.Equal(fixture.Model.Features.Fields.Select(f => f.Scale), loaded.Features.Fields.Select(f => f.Scale));
        Assert.Equal(["id"], loaded.Features.PassThrough);
        Assert.Equal(NetworkArchitecture.Dense, loaded.Shape.Architecture);
        Assert.Equal(fixture.Model.ScoreEvents(rows).Select(s => s.Score), loaded.ScoreEvents(rows).Select(s => s.Score));
        Assert.Equal(fixture.Model.ThresholdState.Value, loaded.ThresholdState.Value);
    }

    [Fact]
    public void Save_WritesFormatTwoWithArchitectureAndFeatures()
    {
        using var directory = new TemporaryDirectory();
        string path = Path.Combine(directory.Path, "events");

        fixture.Model.Save(path);
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(path, "model.json")))!;

        Assert.Equal(2, (int)json["formatVersion"]!);
        Assert.Equal("Dense", (string)json["shape"]!["architecture"]!);
        Assert.Equal("duration", (string)json["features"]!["fields"]![0]!["name"]!);
        Assert.Equal("Categorical", (string)json["features"]!["fields"]![1]!["kind"]!);
    }

    [Fact]
    public void Load_FeaturesOfWrongWidthAreRejected()
    {
        using var directory = new TemporaryDirectory();
        string path = Path.Combine(directory.Path, "events");
        fixture.Model.Save(path);
        string file = Path.Combine(path, "model.json");
        var json = JsonNode.Parse(File.ReadAllText(file))!;
        json["features"]!["fields"]!.AsArray().RemoveAt(0);
        File.WriteAllText(file, json.ToJsonString());

        var error = Assert.Throws<ModelFileException>(() => GanModel.Load(path, torch.CPU));

        Assert.Contains("features encode 11 columns, but shape has 12 channels", error.Message);
    }

    [Fact]
    public void ScoreEvents_OnSeriesModelIsRejected()
    {
        using var model = GanModel.Train(
            SineData.Windows(windows: 40, channels: 1, TrainedModels.WindowLength, stride: 2, seed: 1),
            TrainedModels.SmallShape(1),
            TrainedModels.ShortTraining(steps: 2, encoderSteps: 2),
            torch.CPU,
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.Null(model.Features);
        Assert.Throws<InvalidOperationException>(() => model.ScoreEvents(SyntheticEvents.Normal(2, seed: 1)));
    }

    [Fact]
    public void FineTune_OnEncodedEventsKeepsEncoder()
    {
        using GanModel copy = fixture.Model.Clone();
        var training = new TrainingOptions { Steps = 30, EncoderSteps = 30, BatchSize = 64, LearningRate = 1e-4, Seed = 9, Threads = 1 };

        copy.FineTune(copy.Features!.EncodeAll(SyntheticEvents.Normal(600, seed: 8)), training, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Same(fixture.Model.Features, copy.Features);
        Assert.Equal(NetworkArchitecture.Dense, copy.Shape.Architecture);
        Assert.Equal(600, copy.DataSummary.WindowCount);
        double[] normalScores = copy.ScoreEvents(SyntheticEvents.Normal(200, seed: 2)).Select(s => s.Score).ToArray();
        double[] outlierScores = copy.ScoreEvents(SyntheticEvents.Outliers(40, seed: 3)).Select(s => s.Score).ToArray();
        double auc = RocAuc.Compute(normalScores, outlierScores);
        Assert.True(auc >= 0.9, $"AUC after fine-tuning is {auc:F3}; expected at least 0.9.");
    }

    [Fact]
    public void DenseShape_NeedsWindowLengthOne()
    {
        var shape = new GanOptions { Architecture = NetworkArchitecture.Dense, WindowLength = 8 };

        Assert.Contains("dense networks score one event at a time", Assert.Single(shape.Validate()));
    }
}
