using GanWatch.Metrics;
using GanWatch.Models;
using GanWatch.Streaming.Processing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GanWatch.FineTuning;

/// <summary>Registers fine-tuning and the model topic.</summary>
internal static class FineTuneServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="FineTuneServiceOptions"/> bound from the <c>FineTune</c> section and validated at start, and the
    /// <see cref="FineTuneService"/>. Call it before the stream worker is added, so that the service sets the processor's
    /// scored-window sink and imports published models before the stream starts. With <paramref name="handleSignal"/>,
    /// SIGUSR1 requests a run; hosts embedded in other commands pass false.
    /// </summary>
    public static IServiceCollection AddFineTuning(this IServiceCollection services, IConfiguration configuration, bool handleSignal)
    {
        IConfigurationSection section = configuration.GetSection(FineTuneServiceOptions.SectionName);
        services.AddOptions<FineTuneServiceOptions>()
            .Configure(options => FineTuneServiceOptions.BindInto(section, options))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<FineTuneServiceOptions>, FineTuneServiceOptionsValidator>();
        services.AddSingleton(sp => new FineTuneService(
            sp.GetRequiredService<IOptions<FineTuneServiceOptions>>().Value,
            sp.GetRequiredService<IOptions<StreamProcessorOptions>>().Value,
            sp.GetRequiredService<StreamProcessor>(),
            sp.GetRequiredService<SwappableModelRouter>(),
            sp.GetRequiredService<ModelSwapGate>(),
            sp.GetService<GanWatchMetrics>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<FineTuneService>>(),
            handleSignal));
        services.AddHostedService(sp => sp.GetRequiredService<FineTuneService>());
        return services;
    }

    private sealed class FineTuneServiceOptionsValidator : IValidateOptions<FineTuneServiceOptions>
    {
        public ValidateOptionsResult Validate(string? name, FineTuneServiceOptions options)
        {
            IReadOnlyList<string> problems = options.Validate();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
