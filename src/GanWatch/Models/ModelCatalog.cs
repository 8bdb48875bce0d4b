using GanWatch.Engine;
using GanWatch.Engine.Devices;
using GanWatch.Streaming.Scoring;
using Microsoft.Extensions.Logging;

namespace GanWatch.Models;

/// <summary>
/// Loads every model directory named in <see cref="ModelOptions"/> once and routes series to them.
/// </summary>
/// <remarks>Owns the loaded models; dispose it only after the stream processor has stopped.</remarks>
internal sealed partial class ModelCatalog : IModelRouter, IDisposable
{
    private readonly Dictionary<string, EngineWindowModel> models = new(StringComparer.Ordinal);
    private readonly PatternModelRouter router;

    /// <exception cref="GanWatch.Engine.Persistence.ModelFileException">A model directory is missing or corrupt.</exception>
    public ModelCatalog(ModelOptions options, ILogger<ModelCatalog> logger)
    {
        if (options.Threads > 0)
        {
            TorchSharp.torch.set_num_threads(options.Threads);
        }

        var device = DeviceSelector.Resolve(options.Device);
        try
        {
            EngineWindowModel defaultModel = Load(options.DefaultModel, device, logger);
            var routes = options.Routes
                .Select(route => new KeyValuePair<string, IWindowModel>(route.Pattern, Load(route.Model, device, logger)))
                .ToList();
            router = new PatternModelRouter(defaultModel, routes);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The loaded models, keyed by full directory path.</summary>
    public IReadOnlyDictionary<string, EngineWindowModel> Models => models;

    public IWindowModel Resolve(string seriesId) => router.Resolve(seriesId);

    public void Dispose()
    {
        foreach (EngineWindowModel model in models.Values)
        {
            model.Dispose();
        }

        models.Clear();
    }

    private EngineWindowModel Load(string path, TorchSharp.torch.Device device, ILogger logger)
    {
        string fullPath = Path.GetFullPath(path);
        if (!models.TryGetValue(fullPath, out EngineWindowModel? model))
        {
            GanModel loaded = ModelFileRetry.Execute(fullPath, () => GanModel.Load(fullPath, device), message => LogModelRetry(logger, message));
            model = new EngineWindowModel(loaded);
            models.Add(fullPath, model);
            LogModelLoaded(logger, fullPath, model.Version, model.WindowLength, model.Channels, device.ToString());
        }

        return model;
    }

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "{Message}")]
    private static partial void LogModelRetry(ILogger logger, string message);

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Loaded model {ModelVersion} from {ModelPath}: window {WindowLength} points, {Channels} channels, device {Device}")]
    private static partial void LogModelLoaded(ILogger logger, string modelPath, string modelVersion, int windowLength, int channels, string device);
}
