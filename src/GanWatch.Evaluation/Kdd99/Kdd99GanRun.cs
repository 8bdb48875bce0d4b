using GanWatch.Engine;
using GanWatch.Engine.Features;
using GanWatch.Engine.Models;
using GanWatch.Engine.Scoring;
using GanWatch.Engine.Training;
using GanWatch.Evaluation.Smd;
using TorchSharp;
using static TorchSharp.torch;

namespace GanWatch.Evaluation.Kdd99;

/// <summary>
/// The KDD99 protocol of the GAN anomaly-detection papers with a GanWatch event model: <c>normal.</c> records (about
/// 20 %) are the anomaly class; all records are split 50/50 at random with a seed; the model trains only on the
/// training half's other records; every test record is scored; the top 20 % of test scores are flagged; precision,
/// recall and F1 follow, over several seeds.
/// </summary>
/// <remarks>
/// Labels choose the training records, as the protocol prescribes, and score the flags; the model, its encoder and the
/// flagging never see a test label.
/// </remarks>
public static class Kdd99GanRun
{
    /// <summary>Runs every seed of <paramref name="options"/> on <paramref name="data"/>.</summary>
    /// <param name="data">The loaded records.</param>
    /// <param name="options">The settings.</param>
    /// <param name="device">The TorchSharp device; null means the CPU.</param>
    /// <param name="progress">Receives each seed's result as it finishes, on the calling thread.</param>
    /// <param name="timeProvider">Clock for elapsed times; default <see cref="TimeProvider.System"/>.</param>
    /// <param name="cancellationToken">Stops training between steps.</param>
    /// <remarks>Sets torch.set_num_threads to <see cref="Kdd99GanRunOptions.Threads"/> for the whole process.</remarks>
    /// <exception cref="ArgumentException">The options are invalid, or a training half has fewer than 2 non-normal records.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public static Kdd99RunResult Run(
        Kdd99Data data,
        Kdd99GanRunOptions options,
        Device? device = null,
        IProgress<Kdd99SeedResult>? progress = null,
        TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        options.ThrowIfInvalid();
        device ??= torch.CPU;
        timeProvider ??= TimeProvider.System;
        long started = timeProvider.GetTimestamp();

        var results = new List<Kdd99SeedResult>();
        for (int seed = options.FirstSeed; seed < options.FirstSeed + options.Seeds; seed++)
        {
            var result = RunSeed(data, options, seed, device, timeProvider, cancellationToken);
            results.Add(result);
            progress?.Report(result);
        }

        return new Kdd99RunResult(results, timeProvider.GetElapsedTime(started));
    }

    /// <summary>Splits, trains and scores one seed.</summary>
    public static Kdd99SeedResult RunSeed(Kdd99Data data, Kdd99GanRunOptions options, int seed, Device device, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        long started = timeProvider.GetTimestamp();
        var (trainIndices, testIndices) = Kdd99Protocol.Split(data.Rows.Count, seed);
        int[] candidates = trainIndices.Where(i => !data.IsNormal[i]).ToArray();
        int[] training = Subsample(candidates, options.MaxTrainingRows, seed);
        if (training.Length < 2)
        {
            throw new ArgumentException($"The training half of seed {seed} has {candidates.Length} non-normal records; the model needs at least 2.");
        }

        var (model, selectionScores) = Train(data, options, training, seed, device, cancellationToken);
        using (model)
        {
            var testRows = testIndices.Select(i => data.Rows[i]).ToList();
            double[] scores = model.ScoreEvents(testRows).Select(score => score.Score).ToArray();
            bool[] flags = Kdd99Protocol.FlagTop(scores);
            bool[] labels = testIndices.Select(i => data.IsNormal[i]).ToArray();
            var metrics = DetectionMetrics.Compute(flags, labels);
            var falsePositives = testIndices
                .Where((_, k) => flags[k] && !labels[k])
                .GroupBy(i => data.Labels[i], StringComparer.Ordinal)
                .ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal);
            return new Kdd99SeedResult(seed, candidates.Length, training.Length, testIndices.Length, labels.Count(l => l), metrics, timeProvider.GetElapsedTime(started))
            {
                SelectionScores = selectionScores,
                FalsePositivesByLabel = falsePositives,
            };
        }
    }

    /// <summary>
    /// Trains <see cref="Kdd99GanRunOptions.Restarts"/> models and keeps the one with the lowest mean score on a held-out
    /// tenth of the training records, which needs no labels beyond the protocol's choice of training records. With one
    /// restart, the only model trains on every training record.
    /// </summary>
    /// <param name="data">The loaded records.</param>
    /// <param name="options">The settings; must be valid.</param>
    /// <param name="training">Indices of the training records in <paramref name="data"/>.</param>
    /// <param name="seed">Seed of the hold-out draw and of the first restart; restart r uses seed + 1000 r.</param>
    /// <param name="device">The TorchSharp device.</param>
    /// <param name="cancellationToken">Stops training between steps.</param>
    /// <returns>The kept model, which the caller disposes, and each restart's mean held-out score (empty with one restart).</returns>
    public static (GanModel Model, double[] SelectionScores) Train(
        Kdd99Data data, Kdd99GanRunOptions options, int[] training, int seed, Device device, CancellationToken cancellationToken)
    {
        var schema = new FeatureSchema
        {
            Fields = data.Schema.Fields.Select(field => new FeatureField { Name = field.Name, Kind = field.Kind, Scaling = options.Scaling, MaxCategories = field.MaxCategories }).ToList(),
        };
        var shape = new GanOptions { LatentSize = options.LatentSize, GeneratorWidth = options.Width, CriticWidth = options.Width, EncoderWidth = options.Width };
        var scoring = new ScoringOptions { FeatureWeight = options.FeatureWeight, InversionSteps = options.InversionSteps, Seed = seed };
        if (options.Restarts == 1)
        {
            return (GanModel.TrainEvents(Rows(data, training), schema, shape, Training(options, seed), device, scoring: scoring, cancellationToken: cancellationToken), []);
        }

        int[] shuffled = training.ToArray();
        new Random(seed).Shuffle(shuffled);
        int heldOut = Math.Max(1, training.Length / 10);
        List<FeatureRow> selectionRows = Rows(data, shuffled[..heldOut]);
        List<FeatureRow> fitRows = Rows(data, shuffled[heldOut..]);

        var selectionScores = new double[options.Restarts];
        GanModel? best = null;
        int bestRestart = -1;
        try
        {
            for (int restart = 0; restart < options.Restarts; restart++)
            {
                var model = GanModel.TrainEvents(fitRows, schema, shape, Training(options, seed + (1000L * restart)), device, scoring: scoring, cancellationToken: cancellationToken);
                selectionScores[restart] = model.ScoreEvents(selectionRows).Average(score => score.Score);
                if (best is null || selectionScores[restart] < selectionScores[bestRestart])
                {
                    best?.Dispose();
                    best = model;
                    bestRestart = restart;
                }
                else
                {
                    model.Dispose();
                }
            }

            return (best!, selectionScores);
        }
        catch
        {
            best?.Dispose();
            throw;
        }
    }

    private static List<FeatureRow> Rows(Kdd99Data data, IEnumerable<int> indices) => indices.Select(i => data.Rows[i]).ToList();

    private static TrainingOptions Training(Kdd99GanRunOptions options, long seed) => new()
    {
        Objective = options.Objective,
        Steps = options.Steps,
        EncoderSteps = options.EncoderSteps,
        BatchSize = options.BatchSize,
        LearningRate = options.LearningRate,
        Seed = seed,
        Threads = options.Threads,
        ProgressInterval = int.MaxValue,
    };

    /// <summary>Returns <paramref name="indices"/>, or a seeded random sample of <paramref name="max"/> of them in ascending order when there are more.</summary>
    public static int[] Subsample(int[] indices, int max, int seed)
    {
        if (max == 0 || indices.Length <= max)
        {
            return indices;
        }

        var random = new Random(unchecked((seed * 7919) + 1));
        var sample = indices.ToArray();
        for (int i = 0; i < max; i++)
        {
            int j = i + random.Next(sample.Length - i);
            (sample[i], sample[j]) = (sample[j], sample[i]);
        }

        var chosen = sample[..max];
        Array.Sort(chosen);
        return chosen;
    }
}
