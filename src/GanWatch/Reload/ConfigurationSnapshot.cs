using GanWatch.Hosting;
using GanWatch.Models;
using GanWatch.Streaming.Processing;
using Microsoft.Extensions.Configuration;

namespace GanWatch.Reload;

/// <summary>The daemon's options bound from one state of the configuration, with every problem found in them.</summary>
internal sealed record ConfigurationSnapshot(StreamProcessorOptions Stream, ModelOptions Models, IReadOnlyList<string> Problems)
{
    /// <summary>
    /// Binds the <c>Stream</c> and <c>Models</c> sections and validates both. A value that cannot be converted (text in
    /// a number, for example) becomes a problem instead of an exception. Each section reports its first conversion
    /// failure only, because the binder stops there.
    /// </summary>
    public static ConfigurationSnapshot Bind(IConfiguration configuration)
    {
        var problems = new List<string>();
        var stream = new StreamProcessorOptions();
        var models = new ModelOptions();
        if (TryBind(configuration, GanWatchHost.StreamSectionName, stream, problems))
        {
            problems.AddRange(stream.Validate().Select(problem => $"{GanWatchHost.StreamSectionName}: {problem}"));
        }

        if (TryBind(configuration, ModelOptions.SectionName, models, problems))
        {
            problems.AddRange(models.Validate());
        }

        return new ConfigurationSnapshot(stream, models, problems);
    }

    private static bool TryBind(IConfiguration configuration, string section, object options, List<string> problems)
    {
        try
        {
            configuration.GetSection(section).Bind(options);
            return true;
        }
        catch (InvalidOperationException error)
        {
            problems.Add($"{section}: {error.Message}");
            return false;
        }
    }
}
