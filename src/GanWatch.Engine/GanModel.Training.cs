using System.Globalization;
using GanWatch.Engine.Data;
using GanWatch.Engine.Features;
using GanWatch.Engine.Models;
using GanWatch.Engine.Normalization;
using GanWatch.Engine.Persistence;
using GanWatch.Engine.Scoring;
using GanWatch.Engine.Thresholds;
using GanWatch.Engine.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace GanWatch.Engine;

public sealed partial class GanModel
{
    /// <summary>
    /// Trains a model on raw windows: fits the normaliser on them, trains G and D for <see cref="TrainingOptions.Steps"/>
    /// steps, trains E for <see cref="TrainingOptions.EncoderSteps"/> steps, then calibrates the threshold on the scores of
    /// the same training windows. Runs synchronously on the calling thread and is deterministic for a given seed on a CPU device.
    /// </summary>
    /// <remarks>
    /// The threshold is calibrated on training windows, whose scores tend to be lower than those of unseen normal data, so
    /// it errs towards more alarms; call <see cref="Calibrate"/> with held-out normal windows for a less biased threshold.
    /// </remarks>
    /// <param name="rawWindows">Training windows in raw units; at least 2, with the channel count and length of <paramref name="shape"/>.</param>
    /// <param name="shape">Network shape.</param>
    /// <param name="training">Training settings.</param>
    /// <param name="device">Device to train and later score on.</param>
    /// <param name="progress">Receives progress every <see cref="TrainingOptions.ProgressInterval"/> steps, on the training thread.</param>
    /// <param name="scoring">Scoring options stored in the model and used for calibration; default <c>new ScoringOptions()</c>.</param>
    /// <param name="thresholds">Threshold options; default <c>new ThresholdOptions()</c>.</param>
    /// <param name="timeProvider">Clock for elapsed time, estimates and <see cref="CreatedAt"/>; default <see cref="TimeProvider.System"/>.</param>
    /// <param name="cancellationToken">Stops training between steps.</param>
    /// <exception cref="ArgumentException">An option is invalid, or the windows are too few or do not match the shape.</exception>
    /// <exception cref="OperationCanceledException">Training was cancelled.</exception>
    public static GanModel Train(
        WindowBatch rawWindows,
        GanOptions shape,
        TrainingOptions training,
        Device device,
        IProgress<TrainingProgress>? progress = null,
        ScoringOptions? scoring = null,
        ThresholdOptions? thresholds = null,
        TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rawWindows);
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(device);
        scoring ??= new ScoringOptions();
        thresholds ??= new ThresholdOptions();
        timeProvider ??= TimeProvider.System;
        shape.ThrowIfInvalid();
        training.ThrowIfInvalid();
        scoring.ThrowIfInvalid();
        thresholds.ThrowIfInvalid();
        EnsureTrainingWindows(rawWindows, shape);

        return TrainNetworks(rawWindows, Normalizer.Fit(rawWindows), features: null, shape, training, device, progress, scoring, thresholds, timeProvider, cancellationToken);
    }

    /// <summary>
    /// Trains networks of <paramref name="shape"/> on <paramref name="rawWindows"/> scaled by <paramref name="normalizer"/>,
    /// and calibrates the threshold on the same windows. The options must already be valid.
    /// </summary>
    private static GanModel TrainNetworks(
        WindowBatch rawWindows,
        Normalizer normalizer,
        FeatureEncoder? features,
        GanOptions shape,
        TrainingOptions training,
        Device device,
        IProgress<TrainingProgress>? progress,
        ScoringOptions scoring,
        ThresholdOptions thresholds,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var networks = GanNetworks.Create(shape.Clone(), device, training.Seed);
        try
        {
            RunTraining(networks, normalizer.Apply(rawWindows), training, timeProvider, progress, cancellationToken);
            var createdAt = timeProvider.GetUtcNow();
            var model = new GanModel(networks, normalizer, new ModelMetadata
            {
                ModelVersion = DefaultVersion(createdAt),
                CreatedAt = createdAt,
                ThresholdOptions = thresholds,
                Threshold = new ThresholdState(),
                Scoring = scoring.Clone(),
                Training = training.Clone(),
                Data = new TrainingDataSummary { WindowCount = rawWindows.Count },
                Features = features,
            });
            model.Calibrate(rawWindows, thresholds);
            return model;
        }
        catch
        {
            networks.Dispose();
            throw;
        }
    }

    /// <summary>Returns an independent deep copy (weights, BatchNorm statistics, normaliser, threshold and metadata).</summary>
    public GanModel Clone()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        return new GanModel(networks.Clone(), Normalizer, ToMetadata());
    }

    /// <summary>
    /// Continues training this model in place on new raw windows: <see cref="TrainingOptions.Steps"/> adversarial steps with
    /// <see cref="TrainingOptions.Objective"/> and <see cref="TrainingOptions.EncoderSteps"/> encoder steps, from fresh
    /// optimiser state. The normaliser stays fixed, so the new windows are scaled as before. The threshold is then
    /// recalibrated on the new windows, and <see cref="CreatedAt"/>, <see cref="ModelVersion"/> and
    /// <see cref="DataSummary"/> are renewed, with the previous version recorded as <see cref="ModelLineage.ParentVersion"/>.
    /// Fine-tune a <see cref="Clone"/> when the original must keep scoring meanwhile.
    /// </summary>
    /// <exception cref="ArgumentException">The options are invalid, or the windows are too few or of the wrong shape.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; the networks keep the updates made so far and the threshold is unchanged.</exception>
    public void FineTune(
        WindowBatch rawWindows,
        TrainingOptions training,
        IProgress<TrainingProgress>? progress = null,
        TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default)
    {
        ContinueTraining(rawWindows, training, default, progress, timeProvider, cancellationToken);
        Calibrate(rawWindows, ThresholdOptions);
    }

    /// <summary>
    /// Does the training part of <see cref="FineTune"/> without recalibrating the threshold, so that the caller can
    /// calibrate on held-out windows instead. Renews the version, creation time, data summary and lineage.
    /// </summary>
    /// <exception cref="ArgumentException">The options are invalid, or the windows are too few or of the wrong shape.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; the networks keep the updates made so far.</exception>
    internal void ContinueTraining(
        WindowBatch rawWindows,
        TrainingOptions training,
        StepPause pause,
        IProgress<TrainingProgress>? progress,
        TimeProvider? timeProvider,
        CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        ArgumentNullException.ThrowIfNull(rawWindows);
        ArgumentNullException.ThrowIfNull(training);
        training.ThrowIfInvalid();
        EnsureTrainingWindows(rawWindows, networks.Options);
        timeProvider ??= TimeProvider.System;

        RunTraining(networks, Normalizer.Apply(rawWindows), training, timeProvider, progress, cancellationToken, pause);
        string parent = ModelVersion;
        TrainingOptions = training.Clone();
        CreatedAt = timeProvider.GetUtcNow();
        ModelVersion = DefaultVersion(CreatedAt);
        DataSummary = new TrainingDataSummary { WindowCount = rawWindows.Count };
        Lineage = new ModelLineage { ParentVersion = parent };
    }

    private static void RunTraining(
        GanNetworks networks,
        WindowBatch normalized,
        TrainingOptions training,
        TimeProvider timeProvider,
        IProgress<TrainingProgress>? progress,
        CancellationToken cancellationToken,
        StepPause pause = default)
    {
        if (training.Threads > 0)
        {
            torch.set_num_threads(training.Threads);
        }

        using var scope = torch.NewDisposeScope();
        var data = torch.tensor(normalized.Values, new long[] { normalized.Count, normalized.Channels, normalized.Length }, device: networks.Device);
        using var sampler = new BatchSampler(training.Seed, normalized.Count, networks.Device);
        new GanTrainer(networks, training, timeProvider, pause).Train(data, sampler, progress, cancellationToken);
        new EncoderTrainer(networks, training, timeProvider, pause).Train(data, sampler, progress, cancellationToken);
    }

    private static void EnsureTrainingWindows(WindowBatch windows, GanOptions shape)
    {
        if (windows.Channels != shape.Channels || windows.Length != shape.WindowLength)
        {
            throw new ArgumentException(
                $"The training windows are {windows.Channels} channels x {windows.Length} steps, but the model shape is {shape.Channels} x {shape.WindowLength}.",
                nameof(windows));
        }

        if (windows.Count < 2)
        {
            throw new ArgumentException($"Training needs at least 2 windows, but got {windows.Count}. Supply a longer series or a shorter window.", nameof(windows));
        }
    }

    private static string DefaultVersion(DateTimeOffset createdAt) =>
        createdAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture);
}
