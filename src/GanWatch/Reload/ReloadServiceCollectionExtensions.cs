using GanWatch.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GanWatch.Reload;

/// <summary>Registers live configuration reload.</summary>
internal static class ReloadServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ConfigurationReloader"/>, <see cref="ReloadCounters"/> and the SIGHUP and file-change
    /// triggers. Call it after every configuration source has been added: it takes over load errors of the JSON files
    /// at once, so a file that becomes invalid later rejects the reload instead of ending the process.
    /// </summary>
    public static IServiceCollection AddConfigurationReload(this IServiceCollection services, IConfigurationRoot configuration)
    {
        services.AddSingleton(new ConfigurationFileErrors(configuration));
        services.AddSingleton(sp =>
        {
            var counters = new ReloadCounters();
            Metrics.GanWatchMetrics? metrics = sp.GetService<Metrics.GanWatchMetrics>();
            if (metrics is not null)
            {
                counters.Completed += result => metrics.ConfigReloaded(result.Succeeded);
            }

            return counters;
        });
        services.AddSingleton(sp => new ConfigurationReloader(
            configuration,
            sp.GetRequiredService<ConfigurationFileErrors>(),
            sp.GetRequiredService<Streaming.Processing.StreamProcessor>(),
            sp.GetRequiredService<SwappableModelRouter>(),
            sp.GetRequiredService<ModelSwapGate>(),
            sp.GetRequiredService<IOptions<ModelOptions>>().Value,
            sp.GetRequiredService<IOptions<FineTuning.FineTuneServiceOptions>>().Value,
            sp.GetRequiredService<ReloadCounters>(),
            sp.GetRequiredService<ILogger<ConfigurationReloader>>()));
        services.AddHostedService<ReloadTriggerService>();
        return services;
    }
}
