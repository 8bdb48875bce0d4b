using GanWatch.Engine;
using GanWatch.Engine.Devices;
using GanWatch.Streaming.Scoring;
using Microsoft.Extensions.Logging;
using TorchSharp;

namespace GanWatch.Models;

/// <summary>
/// The models named in one <see cref="ModelOptions"/>, each loaded once, and the routing of series to them.
/// </summary>
/// <remarks>
/// Immutable and thread-safe. Owns its models, but a catalog made by <see cref="LoadNext"/> shares the unchanged ones
/// with its predecessor, so only <see cref="SwappableModelRouter"/> decides which models to dispose after a reload.
/// </remarks>
internal sealed partial class ModelCatalog : IModelRouter, IDisposable
{
    private readonly Dictionary<string, EngineWindowModel> models;
    private readonly PatternModelRouter router;
    private readonly torch.Device device;
    private readonly ILogger logger;

    /// <summary>Sets the torch thread count, resolves the device and loads every model in <paramref name="options"/>.</summary>
    /// <exception cref="GanWatch.Engine.Persistence.ModelFileException">A model directory is missing or corrupt.</exception>
    public ModelCatalog(ModelOptions options, ILogger<ModelCatalog> logger)
    {
        if (options.Threads > 0)
        {
            torch.set_num_threads(options.Threads);
        }

        device = DeviceSelector.Resolve(options.Device);
        this.logger = logger;
        models = new Dictionary<string, EngineWindowModel>(StringComparer.Ordinal);
        try
        {
            foreach (string path in ModelPaths(options))
            {
                models.Add(path, Load(path));
            }
        }
        catch
        {
            Dispose();
            throw;
        }

        Routing = DescribeRouting(options);
        router = CreateRouter(options);
    }

    private ModelCatalog(ModelOptions options, torch.Device device, ILogger logger, Dictionary<string, EngineWindowModel> models)
    {
        this.device = device;
        this.logger = logger;
        this.models = models;
        Routing = DescribeRouting(options);
        router = CreateRouter(options);
    }

    /// <summary>The loaded models, keyed by full directory path.</summary>
    public IReadOnlyDictionary<string, EngineWindowModel> Models => models;

    /// <summary>The default model and routes as full paths, one entry each, for change detection and logs.</summary>
    public IReadOnlyList<string> Routing { get; }

    public IWindowModel Resolve(string seriesId) => router.Resolve(seriesId);

    /// <summary>Disposes every model of this catalog, including those it shares with another catalog.</summary>
    public void Dispose()
    {
        foreach (EngineWindowModel model in models.Values)
        {
            model.Dispose();
        }
    }

    private static IEnumerable<string> ModelPaths(ModelOptions options) =>
        options.Routes.Select(route => route.Model).Prepend(options.DefaultModel).Select(Path.GetFullPath).Distinct(StringComparer.Ordinal);

    private static List<string> DescribeRouting(ModelOptions options) =>
        options.Routes.Select(route => $"{route.Pattern} -> {Path.GetFullPath(route.Model)}")
            .Append($"default -> {Path.GetFullPath(options.DefaultModel)}")
            .ToList();

    private PatternModelRouter CreateRouter(ModelOptions options) => new(
        models[Path.GetFullPath(options.DefaultModel)],
        options.Routes.Select(route => new KeyValuePair<string, IWindowModel>(route.Pattern, models[Path.GetFullPath(route.Model)])));

    private EngineWindowModel Load(string fullPath)
    {
        GanModel loaded = ModelFileRetry.Execute(fullPath, () => GanModel.Load(fullPath, device), message => LogModelRetry(logger, message));
        var model = EngineWindowModel.Create(loaded);
        LogModelLoaded(logger, fullPath, model.Version, model.WindowLength, model.Channels, device.ToString());
        return model;
    }

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "{Message}")]
    private static partial void LogModelRetry(ILogger logger, string message);

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Loaded model {ModelVersion} from {ModelPath}: window {WindowLength} points, {Channels} channels, device {Device}")]
    private static partial void LogModelLoaded(ILogger logger, string modelPath, string modelVersion, int windowLength, int channels, string device);
}
