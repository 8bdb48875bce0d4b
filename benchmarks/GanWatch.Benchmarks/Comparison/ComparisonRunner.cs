using System.Diagnostics;
using System.Text.Json.Nodes;
using GanWatch.Benchmarks.Models;
using GanWatch.Engine;
using GanWatch.Engine.Data;
using GanWatch.Engine.Scoring;
using TorchSharp;

namespace GanWatch.Benchmarks.Comparison;

/// <summary>
/// Runs the comparison: saves one model per window length and channel count, loads it on both sides, checks that the
/// scores agree, then times every mode and shape on GanWatch and on PyTorch in turn.
/// </summary>
public sealed class ComparisonRunner(ComparisonOptions options, string referenceScript, TextWriter progress)
{
    /// <summary>Generator and encoder training steps of the compared models, so that BatchNorm statistics are not the initial ones.</summary>
    private const int TrainingSteps = 3;

    private readonly Dictionary<(int Window, int Channels), (GanModel Model, string Name)> models = [];
    private readonly Dictionary<ComparisonShape, (WindowBatch Windows, string Path)> batches = [];

    public ComparisonResults Run()
    {
        var startedAt = DateTimeOffset.UtcNow;
        var watch = Stopwatch.StartNew();
        double loadBefore = MachineDescription.LoadAverage();
        string folder = Path.Combine(Path.GetTempPath(), "ganwatch-compare-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            using var reference = ReferenceProcess.Start(options.PythonPath, referenceScript, options.Threads);
            var info = reference.Info();
            Prepare(reference, folder);
            torch.set_num_threads(options.Threads);

            var agreement = CheckAgreement(reference);
            var timings = TimeAll(reference);
            return new ComparisonResults(
                options,
                info["torch"]!.GetValue<string>(),
                string.Join(", ", info["blas"]!.AsArray().Select(b => b!.GetValue<string>())),
                startedAt,
                watch.Elapsed,
                loadBefore,
                MachineDescription.LoadAverage(),
                agreement,
                timings);
        }
        finally
        {
            foreach (var (model, _) in models.Values)
            {
                model.Dispose();
            }

            Directory.Delete(folder, recursive: true);
        }
    }

    private void Prepare(ReferenceProcess reference, string folder)
    {
        foreach (var shape in options.Shapes)
        {
            var key = (shape.WindowLength, shape.Channels);
            if (!models.ContainsKey(key))
            {
                string name = $"w{shape.WindowLength}-c{shape.Channels}";
                progress.WriteLine($"Training and saving model {name} ({TrainingSteps} steps)...");
                var model = BenchmarkModels.Create(shape.WindowLength, shape.Channels, TrainingSteps, options.Threads);
                string directory = Path.Combine(folder, name);
                model.Save(directory);
                reference.Load(name, directory);
                models[key] = (model, name);
            }

            var windows = BenchmarkModels.SineWindows(shape.BatchSize, shape.Channels, shape.WindowLength, BenchmarkModels.Seed + 1);
            string path = Path.Combine(folder, $"windows-{shape}.f32");
            ReferenceProcess.WriteWindows(path, windows);
            batches[shape] = (windows, path);
        }
    }

    private List<AgreementResult> CheckAgreement(ReferenceProcess reference)
    {
        var results = new List<AgreementResult>();
        foreach (var shape in options.Shapes)
        {
            foreach (string mode in options.Modes)
            {
                var (model, name) = models[(shape.WindowLength, shape.Channels)];
                var (windows, path) = batches[shape];
                var scoring = Options(mode, shape);
                double[] expected = model.Score(windows, scoring).Select(s => s.Score).ToArray();
                double[] actual = reference.Score(name, path, windows.Count, ToJson(scoring));
                double maxAbsolute = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
                double maxRelative = expected.Zip(actual, (e, a) => Math.Abs(e - a) / Math.Max(Math.Abs(e), double.Epsilon)).Max();
                results.Add(new AgreementResult(mode, shape, maxAbsolute, maxRelative));
            }
        }

        return results;
    }

    private List<TimingResult> TimeAll(ReferenceProcess reference)
    {
        var results = new List<TimingResult>();
        foreach (var shape in options.Shapes)
        {
            foreach (string mode in options.Modes)
            {
                results.Add(new TimingResult(mode, shape));
            }
        }

        for (int repetition = 1; repetition <= options.Repetitions; repetition++)
        {
            progress.WriteLine($"Repetition {repetition} of {options.Repetitions}...");

            // Alternating which side goes first cancels a drift in machine load within a pair.
            bool ganWatchFirst = repetition % 2 == 1;
            foreach (var result in results)
            {
                var (model, name) = models[(result.Shape.WindowLength, result.Shape.Channels)];
                var (windows, path) = batches[result.Shape];
                var scoring = Options(result.Mode, result.Shape);
                if (ganWatchFirst)
                {
                    result.GanWatch.Add(TimeGanWatch(model, windows, scoring));
                    result.PyTorch.Add(reference.Time(name, path, windows.Count, ToJson(scoring), options.MinSeconds));
                }
                else
                {
                    result.PyTorch.Add(reference.Time(name, path, windows.Count, ToJson(scoring), options.MinSeconds));
                    result.GanWatch.Add(TimeGanWatch(model, windows, scoring));
                }
            }
        }

        return results;
    }

    /// <summary>Mirrors the reference's time command: one warm-up call, then calls until MinSeconds have passed.</summary>
    private double TimeGanWatch(GanModel model, WindowBatch windows, ScoringOptions scoring)
    {
        model.Score(windows, scoring);
        long calls = 0;
        var watch = Stopwatch.StartNew();
        do
        {
            model.Score(windows, scoring);
            calls++;
        }
        while (watch.Elapsed.TotalSeconds < options.MinSeconds);

        return calls * windows.Count / watch.Elapsed.TotalSeconds;
    }

    private static ScoringOptions Options(string mode, ComparisonShape shape)
    {
        var scoring = KernelMode.ToOptions(mode);
        scoring.MaxBatchSize = Math.Max(scoring.MaxBatchSize, shape.BatchSize);
        return scoring;
    }

    private static JsonObject ToJson(ScoringOptions scoring) => new()
    {
        ["inversionSteps"] = scoring.InversionSteps,
        ["inversionLearningRate"] = scoring.InversionLearningRate,
        ["start"] = scoring.Start.ToString(),
        ["featureWeight"] = scoring.FeatureWeight,
        ["seed"] = scoring.Seed,
        ["maxBatchSize"] = scoring.MaxBatchSize,
    };
}
