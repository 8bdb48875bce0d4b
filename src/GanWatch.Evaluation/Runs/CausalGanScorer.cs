using GanWatch.Engine;
using GanWatch.Engine.Data;
using GanWatch.Engine.Models;
using GanWatch.Engine.Scoring;
using GanWatch.Engine.Training;
using static TorchSharp.torch;

namespace GanWatch.Evaluation.Runs;

/// <summary>
/// Trains a GAN on the first rows of one univariate series and scores every row from the window that ends at it,
/// optionally fine-tuning as it goes the way the daemon does (<see cref="CausalFineTuning"/>). The score of row t
/// depends only on rows up to t.
/// </summary>
/// <remarks>Runs synchronously on the calling thread; separate calls may run on separate threads.</remarks>
public static class CausalGanScorer
{
    /// <summary>Trains on rows [0, <paramref name="trainingRows"/>) and scores every row.</summary>
    /// <param name="values">The series values in row order.</param>
    /// <param name="trainingRows">Leading rows to train on (the normaliser is fitted on them too); at least window length + 1.</param>
    /// <param name="options">Model, training, scoring and fine-tuning settings.</param>
    /// <param name="device">The TorchSharp device.</param>
    /// <param name="cancellationToken">Stops training between steps.</param>
    /// <exception cref="ArgumentException">The options are invalid, or there are too few training rows for two windows.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public static GanRowScores Score(
        IReadOnlyList<double> values,
        int trainingRows,
        NabGanRunOptions options,
        Device device,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(options);
        options.ThrowIfInvalid();
        int length = options.WindowLength;
        if (trainingRows < length + 1 || trainingRows > values.Count)
        {
            throw new ArgumentException(
                $"Training needs between {length + 1} and {values.Count} rows for window length {length}, but {trainingRows} were requested. " +
                "Use a shorter window or a longer series.",
                nameof(trainingRows));
        }

        var rows = values.Select(value => (float)value).ToArray();
        var shape = new GanOptions
        {
            WindowLength = length,
            LatentSize = options.LatentSize,
            Channels = 1,
            GeneratorWidth = options.Width,
            CriticWidth = options.Width,
            EncoderWidth = options.Width,
        };
        var scoring = new ScoringOptions { InversionSteps = options.InversionSteps, Seed = options.Seed };
        var training = TrainingFor(options, options.Steps, options.EncoderSteps);
        var trainingWindows = WindowBatch.FromSeries(rows.AsSpan(0, trainingRows), 1, length);
        using var model = GanModel.Train(trainingWindows, shape, training, device, scoring: scoring, cancellationToken: cancellationToken);

        var window = new double[rows.Length];
        var lastPoint = new double[rows.Length];
        var fineTune = options.FineTuneInterval > 0 ? new CausalFineTuning(model, options) : null;
        int next = length - 1;
        try
        {
            while (next < rows.Length)
            {
                int end = NextFineTuneRow(next, trainingRows, options.FineTuneInterval, rows.Length);
                var batch = WindowBatch.FromSeries(rows.AsSpan(next - length + 1, end - next + length - 1), 1, length);
                var scores = (fineTune?.Live ?? model).Score(batch);
                for (int i = 0; i < scores.Length; i++)
                {
                    window[next + i] = scores[i].Score;
                    lastPoint[next + i] = scores[i].LastPointResiduals[0];
                    fineTune?.Observe(batch.Values.AsSpan(i * length, length), scores[i].Score, next + i);
                }

                if (fineTune is not null && end < rows.Length)
                {
                    // The buffer holds only windows that end before row `end`, the first row the next model scores.
                    fineTune.Run(cancellationToken);
                }

                next = end;
            }
        }
        finally
        {
            fineTune?.Dispose();
        }

        return new GanRowScores(window, lastPoint, fineTune?.Runs ?? 0, fineTune?.Accepted ?? 0, fineTune?.Rejected ?? 0);
    }

    private static int NextFineTuneRow(int row, int trainingRows, int interval, int rowCount)
    {
        if (interval == 0)
        {
            return rowCount;
        }

        int first = trainingRows + interval;
        int next = row < first ? first : first + (((row - first) / interval) + 1) * interval;
        return Math.Min(next, rowCount);
    }

    /// <summary>Returns WGAN-GP training settings; the thread count is left to the caller, which sets it once per process.</summary>
    internal static TrainingOptions TrainingFor(NabGanRunOptions options, int steps, int encoderSteps) => new()
    {
        Objective = GanObjective.WganGp,
        Steps = steps,
        EncoderSteps = encoderSteps,
        BatchSize = options.BatchSize,
        Seed = options.Seed,
        ProgressInterval = Math.Max(1, steps),
    };
}
