using GanWatch.Models;

namespace GanWatch.Metrics;

/// <summary>What the metrics report about one loaded model.</summary>
/// <param name="Name">The model directory's full path; the <c>model</c> label.</param>
/// <param name="Version">The model version written into its alerts; the <c>version</c> label.</param>
/// <param name="CreatedAt">When training saved the model.</param>
/// <param name="Threshold">The calibrated threshold each series starts from, in the model's score units.</param>
internal readonly record struct LoadedModel(string Name, string Version, DateTimeOffset CreatedAt, double Threshold)
{
    /// <summary>Returns the models of <paramref name="catalog"/>.</summary>
    public static IReadOnlyList<LoadedModel> From(ModelCatalog catalog) =>
        catalog.Models
            .Select(entry => new LoadedModel(entry.Key.Directory, entry.Value.Version, entry.Value.Model.CreatedAt, entry.Value.Model.ThresholdState.Value))
            .ToList();
}
