using GanWatch.Engine.Data;
using GanWatch.Engine.Features;
using GanWatch.Engine.Models;
using GanWatch.Engine.Normalization;
using GanWatch.Engine.Persistence;
using GanWatch.Engine.Scoring;
using GanWatch.Engine.Thresholds;
using GanWatch.Engine.Training;
using static TorchSharp.torch;

namespace GanWatch.Engine;

/// <summary>
/// A trained anomaly detector: generator G, critic D and encoder E on one device, the normaliser fitted on the training
/// data, the scoring options and the threshold state calibrated with them, and metadata.
/// </summary>
/// <remarks>
/// Not thread-safe: one thread at a time may score, fine-tune or save a model. To score while fine-tuning, fine-tune a
/// <see cref="Clone"/> and swap it in when it is done, disposing the old model only after its last batch has finished.
/// <see cref="Clone"/> itself may run while another thread scores, because both only read the weights.
/// </remarks>
public sealed partial class GanModel : IDisposable
{
    private readonly GanNetworks networks;
    private Scorer scorer;
    private bool disposed;

    private GanModel(GanNetworks networks, Normalizer normalizer, ModelMetadata metadata)
    {
        this.networks = networks;
        Normalizer = normalizer;
        ModelVersion = metadata.ModelVersion;
        CreatedAt = metadata.CreatedAt;
        ThresholdOptions = metadata.ThresholdOptions!;
        ThresholdState = metadata.Threshold!;
        ScoringOptions = metadata.Scoring!;
        TrainingOptions = metadata.Training!;
        DataSummary = metadata.Data!;
        Lineage = metadata.Lineage?.Clone() ?? new ModelLineage();
        Features = metadata.Features;
        scorer = new Scorer(networks, normalizer);
    }

    /// <summary>The network shape, including window length and channel count. Returns a copy.</summary>
    public GanOptions Shape => networks.Options.Clone();

    /// <summary>The device the networks run on.</summary>
    public Device Device => networks.Device;

    /// <summary>The per-channel normalisation fitted on the training data.</summary>
    public Normalizer Normalizer { get; private set; }

    /// <summary>Identifier of this model, stored in model.json. Defaults to the UTC creation time, for example 20261201T120000123Z.</summary>
    public string ModelVersion { get; set; }

    /// <summary>When the model was trained or last fine-tuned (UTC).</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The options the threshold was calibrated with.</summary>
    public ThresholdOptions ThresholdOptions { get; private set; }

    /// <summary>The calibrated threshold state; each series should start its own threshold from it with <see cref="CreateThreshold"/>.</summary>
    public ThresholdState ThresholdState { get; private set; }

    /// <summary>The scoring options used by <see cref="Score(WindowBatch)"/> and for threshold calibration.</summary>
    public ScoringOptions ScoringOptions { get; private set; }

    /// <summary>The options of the last training or fine-tuning run.</summary>
    public TrainingOptions TrainingOptions { get; private set; }

    /// <summary>A description of the training data; callers may fill in the source name, rows and timestamps before saving.</summary>
    public TrainingDataSummary DataSummary { get; set; }

    /// <summary>The parent version, fine-tuning data span and validation numbers; empty for a model trained from scratch.</summary>
    public ModelLineage Lineage { get; set; }
    /// <summary>
    /// The fitted event encoder of an event model (dense networks over encoded events), or null for a series model.
    /// Its <see cref="FeatureEncoder.Width"/> is the model's channel count.
    /// </summary>
    public FeatureEncoder? Features { get; }

    internal GanNetworks Networks => networks;

    /// <summary>Scores raw (not normalised) windows with <see cref="ScoringOptions"/>.</summary>
    /// <exception cref="ArgumentException">The windows do not have the model's channel count and window length.</exception>
    public WindowScore[] Score(WindowBatch rawWindows) => Score(rawWindows, ScoringOptions);

    /// <summary>
    /// Scores raw (not normalised) windows: normalise, invert each window to z, and compare it with G(z). Runs
    /// synchronously on the calling thread; one thread at a time.
    /// </summary>
    /// <exception cref="ArgumentException">The windows do not match the model's shape, or the options are invalid.</exception>
    public WindowScore[] Score(WindowBatch rawWindows, ScoringOptions options)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        return scorer.Score(rawWindows, options);
    }

    /// <summary>Creates a threshold for one series that starts from the calibrated <see cref="ThresholdState"/>.</summary>
    public IThreshold CreateThreshold() => ThresholdFactory.Create(ThresholdState);

    /// <summary>
    /// Recalibrates the threshold on scores of <paramref name="rawWindows"/>, for example held-out normal data, using
    /// <see cref="ScoringOptions"/>. Replaces <see cref="ThresholdOptions"/> and <see cref="ThresholdState"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The windows are empty or of the wrong shape, or the options are invalid.</exception>
    public void Calibrate(WindowBatch rawWindows, ThresholdOptions options)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        ArgumentNullException.ThrowIfNull(options);
        options.ThrowIfInvalid();
        var scores = Score(rawWindows).Select(s => s.Score).ToArray();
        ThresholdState = ThresholdFactory.Calibrate(scores, options).GetState();
        ThresholdOptions = options;
    }

    /// <summary>Saves the model to <paramref name="directory"/>, replacing an existing model there atomically.</summary>
    /// <exception cref="ModelFileException">Writing failed; any model already at the path is left in place.</exception>
    public void Save(string directory)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        ModelStore.Save(directory, networks, ToMetadata());
    }

    /// <summary>Loads a model saved by <see cref="Save"/> onto <paramref name="device"/>, verifying checksums and shapes.</summary>
    /// <exception cref="ModelFileException">A part is missing, corrupt, of the wrong shape or of a newer format; the message names the file.</exception>
    public static GanModel Load(string directory, Device device)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(device);
        var (networks, metadata) = ModelStore.Load(directory, device);
        return new GanModel(networks, metadata.Normalization!, metadata);
    }

    /// <summary>Releases the native tensors of the three networks.</summary>
    public void Dispose()
    {
        if (!disposed)
        {
            disposed = true;
            networks.Dispose();
        }
    }

    private ModelMetadata ToMetadata() => new()
    {
        // Builds that predate dense networks would misread a dense model, so only dense models carry the newer format.
        FormatVersion = networks.Options.Architecture == NetworkArchitecture.Dense ? ModelMetadata.CurrentFormatVersion : 1,
        ModelVersion = ModelVersion,
        CreatedAt = CreatedAt,
        Shape = networks.Options.Clone(),
        Normalization = Normalizer,
        ThresholdOptions = ThresholdOptions,
        Threshold = ThresholdState.Clone(),
        Scoring = ScoringOptions.Clone(),
        Training = TrainingOptions.Clone(),
        Data = DataSummary.Clone(),
        Lineage = Lineage.Clone(),
        Features = Features,
    };
}
