using GanWatch.Models;
using GanWatch.Streaming.Processing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GanWatch.Metrics;

/// <summary>Registers the daemon's Prometheus metrics.</summary>
internal static class MetricsServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="MetricsOptions"/> bound from the <c>Metrics</c> section and validated at start, the
    /// <see cref="GanWatchMetrics"/> singleton, and the <see cref="MetricsService"/> that serves them. Call it before the
    /// stream worker is added, so the processor gets its observer before it starts.
    /// </summary>
    public static IServiceCollection AddGanWatchMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MetricsOptions>()
            .Bind(configuration.GetSection(MetricsOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<MetricsOptions>, MetricsOptionsValidator>();
        services.AddSingleton(sp =>
        {
            // The router's current catalog changes on a configuration reload, so each scrape reads it again.
            SwappableModelRouter router = sp.GetRequiredService<SwappableModelRouter>();
            return new GanWatchMetrics(
                sp.GetRequiredService<StreamProcessor>().Counters,
                () => LoadedModel.From(router.Current),
                sp.GetRequiredService<TimeProvider>());
        });
        services.AddHostedService<MetricsService>();
        return services;
    }

    private sealed class MetricsOptionsValidator : IValidateOptions<MetricsOptions>
    {
        public ValidateOptionsResult Validate(string? name, MetricsOptions options)
        {
            IReadOnlyList<string> problems = options.Validate();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
