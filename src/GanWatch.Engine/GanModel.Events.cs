using GanWatch.Engine.Features;
using GanWatch.Engine.Models;
using GanWatch.Engine.Normalization;
using GanWatch.Engine.Scoring;
using GanWatch.Engine.Thresholds;
using GanWatch.Engine.Training;
using static TorchSharp.torch;

namespace GanWatch.Engine;

/// <summary>Event models: dense networks over events encoded by a fitted <see cref="FeatureEncoder"/>.</summary>
public sealed partial class GanModel
{
    /// <summary>
    /// Trains an event model: fits a <see cref="FeatureEncoder"/> on <paramref name="rows"/>, trains dense G, D and E on
    /// the encoded events (window length 1), then calibrates the threshold on their scores. Runs synchronously on the
    /// calling thread and is deterministic for a given seed on a CPU device.
    /// </summary>
    /// <remarks>
    /// The encoder already scales every column, so the model's <see cref="Normalizer"/> is the identity and scores are in
    /// encoded units. <paramref name="shape"/> gives the latent size and widths; its architecture, window length and
    /// channel count are set from the encoder.
    /// </remarks>
    /// <param name="rows">Training events, at least 2.</param>
    /// <param name="schema">The event fields and how each enters the model.</param>
    /// <param name="shape">Latent size and widths.</param>
    /// <param name="training">Training settings.</param>
    /// <param name="device">Device to train and later score on.</param>
    /// <param name="progress">Receives progress every <see cref="TrainingOptions.ProgressInterval"/> steps, on the training thread.</param>
    /// <param name="scoring">Scoring options stored in the model and used for calibration; default <c>new ScoringOptions()</c>.</param>
    /// <param name="thresholds">Threshold options; default <c>new ThresholdOptions()</c>.</param>
    /// <param name="timeProvider">Clock for elapsed time, estimates and <see cref="CreatedAt"/>; default <see cref="TimeProvider.System"/>.</param>
    /// <param name="cancellationToken">Stops training between steps.</param>
    /// <exception cref="ArgumentException">An option or the schema is invalid, there are fewer than 2 events, or an event does not match the schema.</exception>
    /// <exception cref="OperationCanceledException">Training was cancelled.</exception>
    public static GanModel TrainEvents(
        IReadOnlyList<FeatureRow> rows,
        FeatureSchema schema,
        GanOptions shape,
        TrainingOptions training,
        Device device,
        IProgress<TrainingProgress>? progress = null,
        ScoringOptions? scoring = null,
        ThresholdOptions? thresholds = null,
        TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(device);
        scoring ??= new ScoringOptions();
        thresholds ??= new ThresholdOptions();
        timeProvider ??= TimeProvider.System;
        training.ThrowIfInvalid();
        scoring.ThrowIfInvalid();
        thresholds.ThrowIfInvalid();

        var encoder = FeatureEncoder.Fit(schema, rows);
        var eventShape = shape.Clone();
        eventShape.Architecture = NetworkArchitecture.Dense;
        eventShape.WindowLength = 1;
        eventShape.Channels = encoder.Width;
        eventShape.ThrowIfInvalid();

        var encoded = encoder.EncodeAll(rows);
        EnsureTrainingWindows(encoded, eventShape);
        var identity = new Normalizer(new float[encoder.Width], Enumerable.Repeat(1f, encoder.Width).ToArray());
        return TrainNetworks(encoded, identity, encoder, eventShape, training, device, progress, scoring, thresholds, timeProvider, cancellationToken);
    }

    /// <summary>Encodes and scores events with <see cref="ScoringOptions"/>; one score per event, in order.</summary>
    /// <remarks>Each score's <see cref="WindowScore.ChannelResiduals"/> has one residual per encoded column; <see cref="FeatureEncoder.FieldResiduals"/> sums them per field.</remarks>
    /// <exception cref="InvalidOperationException">This is a series model, which has no event encoder.</exception>
    /// <exception cref="ArgumentException">An event does not match the schema or has a number that is not finite.</exception>
    public WindowScore[] ScoreEvents(IReadOnlyList<FeatureRow> rows) => Score(RequireFeatures().EncodeAll(rows));

    /// <summary>Recalibrates the threshold on scores of <paramref name="rows"/>, for example held-out normal events; see <see cref="Calibrate"/>.</summary>
    /// <exception cref="InvalidOperationException">This is a series model, which has no event encoder.</exception>
    /// <exception cref="ArgumentException">The events are empty or do not match the schema, or the options are invalid.</exception>
    public void CalibrateEvents(IReadOnlyList<FeatureRow> rows, ThresholdOptions options) => Calibrate(RequireFeatures().EncodeAll(rows), options);

    private FeatureEncoder RequireFeatures() => Features
        ?? throw new InvalidOperationException($"Model {ModelVersion} scores series windows and has no event encoder; train it with TrainEvents to score events.");
}
