using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;

namespace GanWatch.Reload;

/// <summary>
/// Tracks which JSON configuration files failed to load on their last reload, and which required ones are missing.
/// </summary>
/// <remarks>
/// A file configuration provider that fails to parse a changed file keeps no settings from it, and by default throws on
/// the file watcher's thread, which ends the process. This class marks such failures as handled and remembers them,
/// so the reload that follows is rejected instead of running without that file's settings. Thread-safe.
/// </remarks>
internal sealed class ConfigurationFileErrors : IDisposable
{
    private readonly object _gate = new();
    private readonly List<FileConfigurationProvider> _providers;
    private readonly Dictionary<FileConfigurationProvider, string> _failures = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<FileConfigurationProvider> _failedInCurrentLoad = new(ReferenceEqualityComparer.Instance);
    private readonly List<IDisposable> _registrations = [];

    /// <summary>Attaches to every file provider of <paramref name="configuration"/>. Call it after the initial load.</summary>
    public ConfigurationFileErrors(IConfigurationRoot configuration)
    {
        _providers = configuration.Providers.OfType<FileConfigurationProvider>().ToList();
        foreach (FileConfigurationProvider provider in _providers)
        {
            provider.Source.OnLoadException = OnLoadException;
            _registrations.Add(ChangeToken.OnChange(provider.GetReloadToken, () => OnLoaded(provider)));
        }
    }

    /// <summary>Returns a message per file whose last load failed and per required file that is missing.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        lock (_gate)
        {
            problems.AddRange(_failures.Values);
        }

        foreach (FileConfigurationProvider provider in _providers.Where(p => !p.Source.Optional))
        {
            if (provider.Source.FileProvider?.GetFileInfo(provider.Source.Path ?? "") is not { Exists: true })
            {
                problems.Add($"The configuration file '{PathOf(provider)}' is missing; restore it, because its settings are required.");
            }
        }

        return problems;
    }

    public void Dispose()
    {
        foreach (IDisposable registration in _registrations)
        {
            registration.Dispose();
        }
    }

    private void OnLoadException(FileLoadExceptionContext context)
    {
        context.Ignore = true;
        if (context.Provider is not FileConfigurationProvider provider)
        {
            return;
        }

        // The innermost exception is the parser's, with the line and byte position of the error.
        string reason = context.Exception.GetBaseException().Message;
        lock (_gate)
        {
            _failures[provider] = $"The configuration file '{PathOf(provider)}' could not be read: {reason} Fix the file and reload again.";
            _failedInCurrentLoad.Add(provider);
        }
    }

    /// <summary>Runs after every load of <paramref name="provider"/>, after <see cref="OnLoadException"/> when the load failed.</summary>
    private void OnLoaded(FileConfigurationProvider provider)
    {
        lock (_gate)
        {
            if (!_failedInCurrentLoad.Remove(provider))
            {
                _failures.Remove(provider);
            }
        }
    }

    private static string PathOf(FileConfigurationProvider provider) =>
        provider.Source.FileProvider?.GetFileInfo(provider.Source.Path ?? "").PhysicalPath ?? provider.Source.Path ?? "(unknown)";
}
