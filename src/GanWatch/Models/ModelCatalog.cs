using GanWatch.Engine;
using GanWatch.Engine.Devices;
using GanWatch.Engine.Persistence;
using GanWatch.Streaming.Scoring;
using Microsoft.Extensions.Logging;
using TorchSharp;

namespace GanWatch.Models;

/// <summary>
/// The models named in one <see cref="ModelOptions"/>, each loaded once, and the routing of series to them.
/// </summary>
/// <remarks>
/// Immutable and thread-safe. Each configured directory is a model repository: the catalog loads its pinned version, or
/// its current version when none is pinned. The catalog owns its models, but a catalog made by <see cref="LoadNext"/>
/// or <see cref="WithModel"/> shares the unchanged ones with its predecessor, so only <see cref="SwappableModelRouter"/>
/// decides which models to dispose after a swap.
/// </remarks>
internal sealed partial class ModelCatalog : IModelRouter, IDisposable
{
    private readonly Dictionary<ModelSource, EngineWindowModel> models;
    private readonly ModelOptions options;
    private readonly PatternModelRouter router;
    private readonly torch.Device device;
    private readonly ILogger logger;

    /// <summary>Sets the torch thread count, resolves the device and loads every model in <paramref name="options"/>.</summary>
    /// <exception cref="ModelFileException">A model directory is missing or corrupt, or a pinned version does not exist.</exception>
    public ModelCatalog(ModelOptions options, ILogger<ModelCatalog> logger)
    {
        if (options.Threads > 0)
        {
            torch.set_num_threads(options.Threads);
        }

        device = DeviceSelector.Resolve(options.Device);
        this.logger = logger;
        this.options = options;
        models = [];
        try
        {
            foreach (ModelSource source in options.Sources())
            {
                models.Add(source, Load(source));
            }
        }
        catch
        {
            Dispose();
            throw;
        }

        Routing = DescribeRouting(options);
        router = CreateRouter();
    }

    private ModelCatalog(ModelOptions options, torch.Device device, ILogger logger, Dictionary<ModelSource, EngineWindowModel> models)
    {
        this.device = device;
        this.logger = logger;
        this.options = options;
        this.models = models;
        Routing = DescribeRouting(options);
        router = CreateRouter();
    }

    /// <summary>The loaded models, keyed by repository directory and pinned version.</summary>
    public IReadOnlyDictionary<ModelSource, EngineWindowModel> Models => models;

    /// <summary>The default model and routes as full paths (with <c>@version</c> when pinned), one entry each, for change detection and logs.</summary>
    public IReadOnlyList<string> Routing { get; }

    /// <summary>The device the models run on.</summary>
    public torch.Device Device => device;

    public IWindowModel Resolve(string seriesId) => router.Resolve(seriesId);

    /// <summary>
    /// Returns a catalog with the same routing in which <paramref name="model"/> replaces the model of its
    /// <see cref="EngineWindowModel.Source"/>. This catalog is unchanged.
    /// </summary>
    /// <exception cref="ArgumentException">No configured model has that source.</exception>
    public ModelCatalog WithModel(EngineWindowModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!models.ContainsKey(model.Source))
        {
            throw new ArgumentException($"The catalog has no model from '{model.Source}'; only a configured model can be replaced.", nameof(model));
        }

        var next = new Dictionary<ModelSource, EngineWindowModel>(models) { [model.Source] = model };
        return new ModelCatalog(options, device, logger, next);
    }

    /// <summary>
    /// Loads the version of <paramref name="source"/> that the catalog would load now: the pinned version, or the
    /// repository's current one. The caller owns the result.
    /// </summary>
    /// <exception cref="ModelFileException">The directory is missing or corrupt, or the version does not exist.</exception>
    public EngineWindowModel Load(ModelSource source)
    {
        ModelRepository repository = ModelRepository.Open(source.Directory);
        GanModel loaded = ModelFileRetry.Execute(source.Directory, () => repository.Load(source.PinnedVersion, device),
            message => LogModelRetry(logger, message));
        var model = EngineWindowModel.Create(loaded, source);
        LogModelLoaded(logger, source.Directory, model.Version, source.IsPinned ? "pinned" : "current", model.WindowLength, model.Channels,
            device.ToString());
        return model;
    }

    /// <summary>Disposes every model of this catalog, including those it shares with another catalog.</summary>
    public void Dispose()
    {
        foreach (EngineWindowModel model in models.Values)
        {
            model.Dispose();
        }
    }

    private static List<string> DescribeRouting(ModelOptions options) =>
        options.Routes.Select(route => $"{route.Pattern} -> {ModelOptions.SourceOf(route)}")
            .Append($"default -> {options.DefaultSource()}")
            .ToList();

    private PatternModelRouter CreateRouter() => new(
        models[options.DefaultSource()],
        options.Routes.Select(route => new KeyValuePair<string, IWindowModel>(route.Pattern, models[ModelOptions.SourceOf(route)])));

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "{Message}")]
    private static partial void LogModelRetry(ILogger logger, string message);

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Loaded model {ModelVersion} ({Selection} version) from {ModelPath}: window {WindowLength} points, {Channels} channels, device {Device}")]
    private static partial void LogModelLoaded(ILogger logger, string modelPath, string modelVersion, string selection, int windowLength, int channels, string device);
}
