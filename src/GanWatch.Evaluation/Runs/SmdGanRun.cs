using GanWatch.Engine;
using GanWatch.Engine.Data;
using GanWatch.Engine.Models;
using GanWatch.Engine.Scoring;
using GanWatch.Engine.Thresholds;
using GanWatch.Engine.Training;
using GanWatch.Evaluation.Data;
using GanWatch.Evaluation.Smd;
using TorchSharp;
using static TorchSharp.torch;

namespace GanWatch.Evaluation.Runs;

/// <summary>
/// The GAN protocol on SMD: per machine, train one multichannel model on the first rows of its train file, set a
/// label-free threshold at a quantile of the scores of the held-out last train rows, then score each test row from the
/// window that ends at it. The first test rows take their window's earlier rows from the end of the train file, which
/// precedes the test file in time. The labels are used only to score the result.
/// </summary>
public static class SmdGanRun
{
    /// <summary>Returns the machine names of an SMD folder: the file names in <c>train/</c>, sorted.</summary>
    /// <exception cref="DataFormatException">The folder has no <c>train/</c> folder or no .txt files in it.</exception>
    public static IReadOnlyList<string> FindMachines(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var trainFolder = Path.Combine(folder, "train");
        if (!Directory.Exists(trainFolder))
        {
            throw new DataFormatException($"Folder '{trainFolder}' not found; pass the SMD root folder that contains train/, test/, test_label/ and interpretation_label/.");
        }

        var names = Directory.EnumerateFiles(trainFolder, "*.txt").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal).ToList();
        if (names.Count == 0)
        {
            throw new DataFormatException($"Folder '{trainFolder}' contains no .txt files; pass an SMD folder with train/<machine>.txt files.");
        }

        return names;
    }

    /// <summary>Trains, thresholds and scores one machine.</summary>
    /// <param name="machine">The loaded machine.</param>
    /// <param name="options">The settings.</param>
    /// <param name="device">The TorchSharp device; null means the CPU.</param>
    /// <param name="timeProvider">Clock for the elapsed time; default <see cref="TimeProvider.System"/>.</param>
    /// <param name="cancellationToken">Stops training between steps.</param>
    /// <remarks>Sets torch.set_num_threads to <see cref="SmdGanRunOptions.Threads"/> for the whole process. Runs on the calling thread.</remarks>
    /// <exception cref="ArgumentException">The options are invalid, or the train file is too short for the window.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public static SmdMachineResult RunMachine(
        SmdMachine machine,
        SmdGanRunOptions options,
        Device? device = null,
        TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(options);
        options.ThrowIfInvalid();
        device ??= torch.CPU;
        timeProvider ??= TimeProvider.System;
        long started = timeProvider.GetTimestamp();
        torch.set_num_threads(options.Threads);

        int channels = machine.Train.ChannelCount;
        int length = options.WindowLength;
        int heldOutRows = (int)(machine.Train.RowCount * options.CalibrationFraction);
        int trainingRows = machine.Train.RowCount - heldOutRows;
        if (heldOutRows < length || trainingRows < length + options.TrainingStride)
        {
            throw new ArgumentException(
                $"Machine '{machine.Name}' has {machine.Train.RowCount} train rows, too few for two training windows and one held-out window of {length} rows. Use a shorter window.");
        }

        var trainRows = Flatten(machine.Train);
        var training = WindowBatch.FromSeries(trainRows.AsSpan(0, trainingRows * channels), channels, length, options.TrainingStride);
        var heldOut = WindowBatch.FromSeries(trainRows.AsSpan((trainingRows - length + 1) * channels), channels, length);
        var thresholds = new ThresholdOptions { Method = ThresholdMethod.Quantile, Quantile = options.Quantile };
        using var model = GanModel.Train(training, Shape(options, channels), Training(options), device, scoring: new ScoringOptions { Seed = options.Seed }, thresholds: thresholds, cancellationToken: cancellationToken);
        model.Calibrate(heldOut, thresholds);

        var context = trainRows.AsSpan(trainRows.Length - ((length - 1) * channels));
        var testRows = new float[context.Length + (machine.Test.RowCount * channels)];
        context.CopyTo(testRows);
        Flatten(machine.Test).CopyTo(testRows, context.Length);
        var scores = model.Score(WindowBatch.FromSeries(testRows, channels, length));

        var threshold = model.CreateThreshold();
        var predictions = scores.Select(score => threshold.IsAnomaly(score.Score)).ToArray();
        var channelScores = scores.Select(score => score.ChannelResiduals).ToList();
        var (bestF1, _) = BestF1.Compute(scores.Select(score => score.Score).ToArray(), machine.Labels);
        return new SmdMachineResult(
            machine.Name,
            threshold.Value,
            DetectionMetrics.Compute(predictions, machine.Labels),
            DetectionMetrics.ComputePointAdjusted(predictions, machine.Labels),
            InterpretationHitRate.Compute(machine.Segments, channelScores, 100),
            InterpretationHitRate.Compute(machine.Segments, channelScores, 150),
            bestF1,
            timeProvider.GetElapsedTime(started))
        {
            Scores = scores.Select(score => score.Score).ToArray(),
            ChannelResidualShares = ResidualShares(channelScores, channels),
        };
    }

    private static double[] ResidualShares(IReadOnlyList<float[]> channelScores, int channels)
    {
        var totals = new double[channels];
        foreach (var row in channelScores)
        {
            for (int channel = 0; channel < channels; channel++)
            {
                totals[channel] += row[channel];
            }
        }

        double sum = totals.Sum();
        return sum > 0 ? Array.ConvertAll(totals, total => total / sum) : totals;
    }

    private static float[] Flatten(TimeSeries series)
    {
        int channels = series.ChannelCount;
        var rows = new float[series.RowCount * channels];
        for (int row = 0; row < series.RowCount; row++)
        {
            series.Values[row].AsSpan().CopyTo(rows.AsSpan(row * channels, channels));
        }

        return rows;
    }

    private static GanOptions Shape(SmdGanRunOptions options, int channels) => new()
    {
        WindowLength = options.WindowLength,
        LatentSize = options.LatentSize,
        Channels = channels,
        GeneratorWidth = options.Width,
        CriticWidth = options.Width,
        EncoderWidth = options.Width,
    };

    private static TrainingOptions Training(SmdGanRunOptions options) => new()
    {
        Objective = GanObjective.WganGp,
        Steps = options.Steps,
        EncoderSteps = options.EncoderSteps,
        BatchSize = options.BatchSize,
        Seed = options.Seed,
        ProgressInterval = options.Steps,
    };
}
