using System.Text.Json.Serialization;
using GanWatch.Engine.Features;
using GanWatch.Engine.Models;
using GanWatch.Engine.Normalization;
using GanWatch.Engine.Scoring;
using GanWatch.Engine.Thresholds;
using GanWatch.Engine.Training;

namespace GanWatch.Engine.Persistence;

/// <summary>The contents of model.json, the description of a saved model directory.</summary>
internal sealed class ModelMetadata
{
    /// <summary>
    /// The newest model directory format this code reads, and the one it writes for dense models. Version 2 added the
    /// architecture and the event encoder; convolutional models are still written as version 1, which older builds read.
    /// </summary>
    public const int CurrentFormatVersion = 2;

    public int FormatVersion { get; set; } = CurrentFormatVersion;

    public string ModelVersion { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public GanOptions? Shape { get; set; }

    public Normalizer? Normalization { get; set; }

    public ThresholdOptions? ThresholdOptions { get; set; }

    public ThresholdState? Threshold { get; set; }

    public ScoringOptions? Scoring { get; set; }

    public TrainingOptions? Training { get; set; }

    public TrainingDataSummary? Data { get; set; }

    /// <summary>Parent version, data span and validation numbers; absent in files written before fine-tuning existed.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ModelLineage? Lineage { get; set; }

    /// <summary>The fitted event encoder of an event model; absent for series models.</summary>
    public FeatureEncoder? Features { get; set; }

    /// <summary>Lower-case hex SHA-256 of each weights file, keyed by file name.</summary>
    public Dictionary<string, string> Sha256 { get; set; } = new();
}
