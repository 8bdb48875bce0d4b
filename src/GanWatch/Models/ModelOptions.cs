namespace GanWatch.Models;

/// <summary>Which models score which series, and where they run. Bound from the <c>Models</c> configuration section.</summary>
public sealed class ModelOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Models";

    /// <summary>Model directory for series that match no route. Required.</summary>
    public string DefaultModel { get; set; } = "";

    /// <summary>
    /// Version of <see cref="DefaultModel"/> to load and keep (a pin). Empty, the default, follows the directory's
    /// current version, which fine-tuning, the model topic and <c>ganwatch model rollback</c> change.
    /// </summary>
    public string DefaultModelVersion { get; set; } = "";

    /// <summary>Glob patterns of series ids (<c>*</c>, <c>?</c>) and the model directory for each; the first match wins.</summary>
    public List<ModelRoute> Routes { get; set; } = [];

    /// <summary>Device to score on: <c>cpu</c>, <c>cuda</c>, <c>cuda:N</c> or <c>auto</c>. The default is <c>cpu</c>.</summary>
    public string Device { get; set; } = "cpu";

    /// <summary>Torch CPU threads for scoring; 0 keeps the library default. The default is 1, which scores nearly as fast as 2 on small models with far less latency jitter.</summary>
    public int Threads { get; set; } = 1;

    /// <summary>Returns every problem with these options; empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(DefaultModel))
        {
            problems.Add("Models:DefaultModel is missing. Set it to a model directory written by 'ganwatch train'.");
        }

        CheckVersion(problems, DefaultModelVersion, "Models:DefaultModelVersion");

        for (int i = 0; i < Routes.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(Routes[i].Pattern))
            {
                problems.Add($"Models:Routes:{i}:Pattern is empty. Use a glob such as 'cpu-*', or '*' for every series.");
            }

            if (string.IsNullOrWhiteSpace(Routes[i].Model))
            {
                problems.Add($"Models:Routes:{i}:Model is empty. Set it to a model directory.");
            }

            CheckVersion(problems, Routes[i].Version, $"Models:Routes:{i}:Version");
        }

        if (string.IsNullOrWhiteSpace(Device))
        {
            problems.Add("Models:Device is empty. Use cpu, cuda, cuda:N or auto.");
        }

        if (Threads < 0)
        {
            problems.Add($"Models:Threads is {Threads}. Use 0 for the library default or a positive count.");
        }

        return problems;
    }

    /// <summary>
    /// Returns the configured models, default first, then routes in order, each once. Paths are made absolute; a blank
    /// version means no pin.
    /// </summary>
    internal IEnumerable<ModelSource> Sources() =>
        Routes.Select(route => SourceOf(route.Model, route.Version)).Prepend(DefaultSource()).Distinct();

    /// <summary>Returns the model that scores series matching no route.</summary>
    internal ModelSource DefaultSource() => SourceOf(DefaultModel, DefaultModelVersion);

    /// <summary>Returns the model of <paramref name="route"/>.</summary>
    internal static ModelSource SourceOf(ModelRoute route) => SourceOf(route.Model, route.Version);

    private static ModelSource SourceOf(string directory, string? version) =>
        new(Path.GetFullPath(directory), string.IsNullOrWhiteSpace(version) ? null : version.Trim());

    private static void CheckVersion(List<string> problems, string? version, string key)
    {
        if (!string.IsNullOrWhiteSpace(version) && (version.Contains('/') || version.Contains('\\') || version.Trim() is "." or ".."))
        {
            problems.Add($"{key} is '{version}', which is not a version name. Use a version from 'ganwatch model list <directory>', or leave it empty to follow the current version.");
        }
    }
}

/// <summary>One routing rule: series ids matching <see cref="Pattern"/> are scored by the model in <see cref="Model"/>.</summary>
public sealed class ModelRoute
{
    /// <summary>Glob pattern over series ids.</summary>
    public string Pattern { get; set; } = "";

    /// <summary>Model directory.</summary>
    public string Model { get; set; } = "";

    /// <summary>Version of <see cref="Model"/> to load and keep (a pin); empty, the default, follows the current version.</summary>
    public string Version { get; set; } = "";
}
