using System.Text.Json.Nodes;
using GanWatch.Engine.Persistence;
using GanWatch.Engine.Scoring;
using GanWatch.Engine.Tests.Support;
using TorchSharp;

namespace GanWatch.Engine.Tests.Persistence;

public class ModelFileTests(TrainedModels models)
{
    [Fact]
    public void SaveAndLoad_GiveIdenticalScores()
    {
        using var directory = new TemporaryDirectory();
        string path = Path.Combine(directory.Path, "model");
        var model = models.SingleChannel;
        var windows = SineData.Windows(windows: 40, channels: 1, TrainedModels.WindowLength, stride: 3, seed: 100);
        var withSteps = new ScoringOptions { InversionSteps = 3 };

        model.Save(path);
        using var loaded = GanModel.Load(path, torch.CPU);

        Assert.Equal(model.Score(windows).Select(s => s.Score), loaded.Score(windows).Select(s => s.Score));
        Assert.Equal(model.Score(windows, withSteps).Select(s => s.Score), loaded.Score(windows, withSteps).Select(s => s.Score));
        Assert.Equal(model.ModelVersion, loaded.ModelVersion);
        Assert.Equal(model.CreatedAt, loaded.CreatedAt);
        Assert.Equal(model.Normalizer.Means, loaded.Normalizer.Means);
        Assert.Equal(model.Normalizer.Stds, loaded.Normalizer.Stds);
        Assert.Equal(model.ThresholdState.Value, loaded.ThresholdState.Value);
        Assert.Equal(model.ThresholdState.Excesses, loaded.ThresholdState.Excesses);
        Assert.Equal(model.Shape.WindowLength, loaded.Shape.WindowLength);
        Assert.Equal(model.Shape.GeneratorWidth, loaded.Shape.GeneratorWidth);
        Assert.Equal(model.TrainingOptions.Steps, loaded.TrainingOptions.Steps);
        Assert.Equal(model.DataSummary.WindowCount, loaded.DataSummary.WindowCount);
    }

    [Fact]
    public void Save_WritesDescriptionWithChecksums()
    {
        using var directory = new TemporaryDirectory();
        string path = Path.Combine(directory.Path, "model");

        models.SingleChannel.Save(path);
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(path, "model.json")))!;

        Assert.Equal(1, (int)json["formatVersion"]!);
        Assert.Equal(32, (int)json["shape"]!["windowLength"]!);
        Assert.Equal("Spot", (string)json["threshold"]!["method"]!);
        foreach (string file in new[] { "generator.bin", "critic.bin", "encoder.bin" })
        {
            Assert.Equal(64, ((string)json["sha256"]![file]!).Length);
        }
    }

    [Fact]
    public void Save_ReplacesExistingModel()
    {
        using var directory = new TemporaryDirectory();
        string path = Path.Combine(directory.Path, "model");
        using var copy = models.SingleChannel.Clone();
        copy.ModelVersion = "first";
        copy.Save(path);
        File.WriteAllText(Path.Combine(path, "stale.txt"), "left from the old model");

        copy.ModelVersion = "second";
        copy.DataSummary.SourceName = "sine.csv";
        copy.Save(path);
        using var loaded = GanModel.Load(path, torch.CPU);

        Assert.Equal("second", loaded.ModelVersion);
        Assert.Equal("sine.csv", loaded.DataSummary.SourceName);
        Assert.False(File.Exists(Path.Combine(path, "stale.txt")));
        Assert.Equal(new[] { path }, Directory.GetDirectories(directory.Path));
    }

    [Fact]
    public void Load_WrongShapeNamesWeightsFile()
    {
        string path = SaveCopy(out var directory);
        using (directory)
        {
            EditJson(path, json => json["shape"]!["generatorWidth"] = 8);

            var error = Assert.Throws<ModelFileException>(() => GanModel.Load(path, torch.CPU));

            Assert.EndsWith("generator.bin", error.FilePath);
            Assert.Contains("generator.bin", error.Message);
            Assert.Contains("do not match the shape", error.Message);
        }
    }

    [Fact]
    public void Load_BadChecksumNamesWeightsFile()
    {
        string path = SaveCopy(out var directory);
        using (directory)
        {
            string critic = Path.Combine(path, "critic.bin");
            var bytes = File.ReadAllBytes(critic);
            bytes[^10] ^= 0xFF;
            File.WriteAllBytes(critic, bytes);

            var error = Assert.Throws<ModelFileException>(() => GanModel.Load(path, torch.CPU));

            Assert.EndsWith("critic.bin", error.FilePath);
            Assert.Contains("SHA-256", error.Message);
        }
    }

    [Fact]
    public void Load_MissingPartNamesFile()
    {
        string path = SaveCopy(out var directory);
        using (directory)
        {
            File.Delete(Path.Combine(path, "encoder.bin"));

            var error = Assert.Throws<ModelFileException>(() => GanModel.Load(path, torch.CPU));

            Assert.EndsWith("encoder.bin", error.FilePath);
            Assert.Contains("missing", error.Message);
        }
    }

    [Fact]
    public void Load_MissingDescriptionNamesFile()
    {
        string path = SaveCopy(out var directory);
        using (directory)
        {
            File.Delete(Path.Combine(path, "model.json"));

            var error = Assert.Throws<ModelFileException>(() => GanModel.Load(path, torch.CPU));

            Assert.EndsWith("model.json", error.FilePath);
        }
    }

    [Fact]
    public void Load_NewerFormatAsksForUpgrade()
    {
        string path = SaveCopy(out var directory);
        using (directory)
        {
            EditJson(path, json => json["formatVersion"] = 3);

            var error = Assert.Throws<ModelFileException>(() => GanModel.Load(path, torch.CPU));

            Assert.EndsWith("model.json", error.FilePath);
            Assert.Contains("formatVersion is 3", error.Message);
            Assert.Contains("Upgrade", error.Message);
        }
    }

    [Fact]
    public void Load_DescriptionWithoutArchitectureIsConvolutional()
    {
        string path = SaveCopy(out var directory);
        using (directory)
        {
            var windows = SineData.Windows(windows: 10, channels: 1, TrainedModels.WindowLength, stride: 3, seed: 5);
            EditJson(path, json => json["shape"]!.AsObject().Remove("architecture"));

            using var loaded = GanModel.Load(path, torch.CPU);

            Assert.Equal(GanWatch.Engine.Models.NetworkArchitecture.Convolutional, loaded.Shape.Architecture);
            Assert.Null(loaded.Features);
            Assert.Equal(models.SingleChannel.Score(windows).Select(s => s.Score), loaded.Score(windows).Select(s => s.Score));
        }
    }

    [Theory]
    [InlineData("{ \"formatVersion\": 1, ")]
    [InlineData("null")]
    [InlineData("{ \"formatVersion\": 1 }")]
    [InlineData("{ \"formatVersion\": \"one\" }")]
    public void Load_InvalidDescriptionNamesFile(string content)
    {
        string path = SaveCopy(out var directory);
        using (directory)
        {
            File.WriteAllText(Path.Combine(path, "model.json"), content);

            var error = Assert.Throws<ModelFileException>(() => GanModel.Load(path, torch.CPU));

            Assert.EndsWith("model.json", error.FilePath);
            Assert.Contains("model.json", error.Message);
        }
    }

    [Fact]
    public void Load_InconsistentNormalizationIsRejected()
    {
        string path = SaveCopy(out var directory);
        using (directory)
        {
            EditJson(path, json => json["normalization"] = new JsonObject { ["means"] = new JsonArray(0, 0), ["stds"] = new JsonArray(1, 1) });

            var error = Assert.Throws<ModelFileException>(() => GanModel.Load(path, torch.CPU));

            Assert.Contains("normalization has 2 channels", error.Message);
        }
    }

    [Fact]
    public void Load_MissingDirectoryIsReported()
    {
        string path = Path.Combine(Path.GetTempPath(), "ganwatch-missing-" + Guid.NewGuid().ToString("N"));

        var error = Assert.Throws<ModelFileException>(() => GanModel.Load(path, torch.CPU));

        Assert.Contains("not found", error.Message);
    }

    private string SaveCopy(out TemporaryDirectory directory)
    {
        directory = new TemporaryDirectory();
        string path = Path.Combine(directory.Path, "model");
        models.SingleChannel.Save(path);
        return path;
    }

    private static void EditJson(string modelPath, Action<JsonNode> edit)
    {
        string file = Path.Combine(modelPath, "model.json");
        var json = JsonNode.Parse(File.ReadAllText(file))!;
        edit(json);
        File.WriteAllText(file, json.ToJsonString());
    }
}
