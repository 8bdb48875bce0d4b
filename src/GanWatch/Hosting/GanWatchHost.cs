using GanWatch.Engine.Persistence;
using GanWatch.FineTuning;
using GanWatch.Metrics;
using GanWatch.Models;
using GanWatch.Reload;
using GanWatch.Streaming.Processing;
using GanWatch.Systemd;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GanWatch.Hosting;

/// <summary>Builds the daemon's host: configuration, options validation, models, the stream processor and its worker.</summary>
internal static class GanWatchHost
{
    /// <summary>Configuration section bound to <see cref="StreamProcessorOptions"/>.</summary>
    public const string StreamSectionName = "Stream";

    /// <summary>Prefix of environment variables that override configuration, for example <c>GANWATCH_Stream__BootstrapServers</c>.</summary>
    public const string EnvironmentPrefix = "GANWATCH_";

    /// <summary>
    /// Creates the host. Configuration comes, later sources winning, from <c>config/ganwatch.json</c> beside the
    /// executable, <c>/etc/ganwatch/ganwatch.json</c>, the file given by <paramref name="configPath"/>, and environment
    /// variables prefixed <c>GANWATCH_</c>.
    /// </summary>
    /// <param name="configPath">An extra JSON file, or null.</param>
    /// <param name="overrides">Settings applied last, for example by the demo; null for none.</param>
    /// <param name="loadSystemFiles">
    /// Whether this is the daemon itself: it reads the JSON files beside the executable and under /etc/ganwatch, and
    /// registers systemd notifications, SIGHUP and file-change reload, and SIGUSR1 for fine-tuning. False for hosts
    /// embedded in other commands.
    /// </param>
    public static IHost Build(string? configPath, IReadOnlyDictionary<string, string?>? overrides = null, bool loadSystemFiles = true)
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            ContentRootPath = AppContext.BaseDirectory,
        });

        if (loadSystemFiles)
        {
            builder.Configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "config", "ganwatch.json"), optional: true, reloadOnChange: true);
            builder.Configuration.AddJsonFile("/etc/ganwatch/ganwatch.json", optional: true, reloadOnChange: true);
        }

        if (configPath is not null)
        {
            builder.Configuration.AddJsonFile(Path.GetFullPath(configPath), optional: false, reloadOnChange: true);
        }

        builder.Configuration.AddEnvironmentVariables(EnvironmentPrefix);
        if (overrides is not null)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }

        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Logging.AddGanWatchConsole();

        AddValidatedOptions<StreamProcessorOptions>(builder.Services, builder.Configuration.GetSection(StreamSectionName), o => o.Validate());
        AddValidatedOptions<ModelOptions>(builder.Services, builder.Configuration.GetSection(ModelOptions.SectionName), o => o.Validate());

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ModelSwapGate>();
        builder.Services.AddSingleton(sp => new SwappableModelRouter(
            LoadCatalog(sp),
            sp.GetRequiredService<ILogger<SwappableModelRouter>>()));
        builder.Services.AddSingleton(sp => new StreamProcessor(
            sp.GetRequiredService<IOptions<StreamProcessorOptions>>().Value,
            sp.GetRequiredService<SwappableModelRouter>(),
            sp.GetRequiredService<ILogger<StreamProcessor>>(),
            sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddGanWatchMetrics(builder.Configuration);
        if (loadSystemFiles)
        {
            builder.Services.AddGanWatchSystemd();
        }

        builder.Services.AddFineTuning(builder.Configuration, handleSignal: loadSystemFiles);
        builder.Services.AddHostedService<StreamWorker>();
        if (loadSystemFiles)
        {
            // Hosts embedded in another command (demo, bench, their tests) have no files to reload and must not take
            // over the SIGHUP handling of the process they run in.
            builder.Services.AddConfigurationReload(builder.Configuration);
        }

        // The host waits a little longer than the processor's own graceful stop, which commits offsets last.
        // It reads the raw setting because the host resolves HostOptions while it is built, before options validation
        // can report every problem at once.
        TimeSpan shutdownTimeout = builder.Configuration.GetSection(StreamSectionName).GetValue<TimeSpan?>(nameof(StreamProcessorOptions.ShutdownTimeout))
            ?? new StreamProcessorOptions().ShutdownTimeout;
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = shutdownTimeout + TimeSpan.FromSeconds(10));

        return builder.Build();
    }

    /// <summary>
    /// Binds every options section of <paramref name="configuration"/> and returns all their problems together, each
    /// prefixed with its section, so an operator can fix a configuration in one pass.
    /// </summary>
    public static IReadOnlyList<string> Validate(IConfiguration configuration)
    {
        var problems = new List<string>();
        StreamProcessorOptions? stream = TryBind(problems, StreamSectionName, () =>
        {
            var options = new StreamProcessorOptions();
            configuration.GetSection(StreamSectionName).Bind(options);
            return options;
        });
        ModelOptions? models = TryBind(problems, ModelOptions.SectionName, () =>
        {
            var options = new ModelOptions();
            configuration.GetSection(ModelOptions.SectionName).Bind(options);
            return options;
        });
        MetricsOptions? metrics = TryBind(problems, MetricsOptions.SectionName, () =>
        {
            var options = new MetricsOptions();
            configuration.GetSection(MetricsOptions.SectionName).Bind(options);
            return options;
        });
        FineTuneServiceOptions? fineTune = TryBind(problems, FineTuneServiceOptions.SectionName,
            () => FineTuneServiceOptions.Bind(configuration.GetSection(FineTuneServiceOptions.SectionName)));

        problems.AddRange(stream?.Validate().Select(problem => $"{StreamSectionName}: {problem}") ?? []);
        IReadOnlyList<string> modelProblems = models?.Validate() ?? [];
        problems.AddRange(modelProblems);
        if (models is not null && modelProblems.Count == 0)
        {
            problems.AddRange(PinProblems(models));
        }

        problems.AddRange(metrics?.Validate() ?? []);
        problems.AddRange(fineTune?.Validate() ?? []);
        if (fineTune is not null && stream is not null && models is not null)
        {
            problems.AddRange(fineTune.ValidateWith(stream, models));
        }

        return problems;
    }

    /// <summary>
    /// Binds one section, turning a value the binder cannot convert (text where a number belongs, an unknown enum name)
    /// into a problem that names the key, so that it is listed with the others instead of ending the process.
    /// </summary>
    private static T? TryBind<T>(List<string> problems, string section, Func<T> bind)
        where T : class
    {
        try
        {
            return bind();
        }
        catch (InvalidOperationException error)
        {
            string cause = error.InnerException is null ? "" : $" {error.InnerException.Message}";
            problems.Add($"{section}: {error.Message}{cause} Check the value's type against config/ganwatch.json.");
            return null;
        }
    }

    /// <summary>Returns a problem for each pinned version that its model repository does not hold.</summary>
    private static IEnumerable<string> PinProblems(ModelOptions models)
    {
        foreach (ModelSource source in models.Sources().Where(source => source.IsPinned && Directory.Exists(source.Directory)))
        {
            IReadOnlyList<ModelVersionInfo> versions;
            try
            {
                versions = ModelRepository.Open(source.Directory).List();
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException or ModelFileException)
            {
                continue;
            }

            if (!versions.Any(info => info.Version == source.PinnedVersion))
            {
                yield return $"Models: the pinned version '{source.PinnedVersion}' is not in '{source.Directory}'. " +
                    $"Pin one that 'ganwatch model list {source.Directory}' shows, or clear the pin to follow the current version.";
            }
        }
    }

    /// <summary>Loads the configured models and checks that they fit the input topic's records.</summary>
    /// <exception cref="OptionsValidationException">A model does not fit <c>Stream:EventSchema</c>; the loaded models are disposed.</exception>
    private static ModelCatalog LoadCatalog(IServiceProvider services)
    {
        var catalog = new ModelCatalog(services.GetRequiredService<IOptions<ModelOptions>>().Value, services.GetRequiredService<ILogger<ModelCatalog>>());
        List<string> problems = EventSchemaCheck.Problems(services.GetRequiredService<IOptions<StreamProcessorOptions>>().Value.EventSchema, catalog);
        if (problems.Count > 0)
        {
            catalog.Dispose();
            throw new OptionsValidationException(ModelOptions.SectionName, typeof(ModelOptions), problems);
        }

        return catalog;
    }

    private static void AddValidatedOptions<TOptions>(IServiceCollection services, IConfigurationSection section, Func<TOptions, IReadOnlyList<string>> validate)
        where TOptions : class
    {
        // Configure instead of Bind: Bind also registers a change token, and the options monitor would then re-validate
        // on every file change and throw on the file watcher's thread. ConfigurationReloader validates reloads instead.
        services.AddOptions<TOptions>()
            .Configure(options => section.Bind(options))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<TOptions>>(new ListingValidator<TOptions>(validate));
    }

    private sealed class ListingValidator<TOptions>(Func<TOptions, IReadOnlyList<string>> validate) : IValidateOptions<TOptions>
        where TOptions : class
    {
        public ValidateOptionsResult Validate(string? name, TOptions options)
        {
            IReadOnlyList<string> problems = validate(options);
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
