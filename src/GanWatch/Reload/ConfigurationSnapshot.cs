using GanWatch.FineTuning;
using GanWatch.Hosting;
using GanWatch.Models;
using GanWatch.Streaming.Processing;
using Microsoft.Extensions.Configuration;

namespace GanWatch.Reload;

/// <summary>The daemon's options bound from one state of the configuration, with every problem found in them.</summary>
internal sealed record ConfigurationSnapshot(
    StreamProcessorOptions Stream,
    ModelOptions Models,
    FineTuneServiceOptions FineTune,
    IReadOnlyList<string> Problems)
{
    /// <summary>
    /// Binds the <c>Stream</c>, <c>Models</c> and <c>FineTune</c> sections and validates them. A value that cannot be
    /// converted (text in a number, for example) becomes a problem instead of an exception. Each section reports its
    /// first conversion failure only, because the binder stops there.
    /// </summary>
    public static ConfigurationSnapshot Bind(IConfiguration configuration)
    {
        var problems = new List<string>();
        var stream = new StreamProcessorOptions();
        var models = new ModelOptions();
        var fineTune = new FineTuneServiceOptions();
        bool streamBound = TryBind(configuration, GanWatchHost.StreamSectionName, section => section.Bind(stream), problems);
        if (streamBound)
        {
            problems.AddRange(stream.Validate().Select(problem => $"{GanWatchHost.StreamSectionName}: {problem}"));
        }

        bool modelsBound = TryBind(configuration, ModelOptions.SectionName, section => section.Bind(models), problems);
        if (modelsBound)
        {
            problems.AddRange(models.Validate());
        }

        if (TryBind(configuration, FineTuneServiceOptions.SectionName, section => FineTuneServiceOptions.BindInto(section, fineTune), problems))
        {
            problems.AddRange(fineTune.Validate());
            if (streamBound && modelsBound)
            {
                problems.AddRange(fineTune.ValidateWith(stream, models));
            }
        }

        return new ConfigurationSnapshot(stream, models, fineTune, problems);
    }

    private static bool TryBind(IConfiguration configuration, string section, Action<IConfigurationSection> bind, List<string> problems)
    {
        try
        {
            bind(configuration.GetSection(section));
            return true;
        }
        catch (InvalidOperationException error)
        {
            problems.Add($"{section}: {error.Message}");
            return false;
        }
    }
}
