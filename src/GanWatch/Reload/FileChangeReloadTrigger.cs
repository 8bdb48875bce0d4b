using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;

namespace GanWatch.Reload;

/// <summary>
/// Applies the configuration after its files change, once no further change has arrived for the debounce interval.
/// Editors often save in several steps (truncate and write, or write a temporary file and rename it), and each step
/// raises its own change event.
/// </summary>
internal sealed class FileChangeReloadTrigger : IDisposable
{
    /// <summary>Default quiet time after the last change event. The JSON provider itself waits 250 ms before re-reading a changed file.</summary>
    public static readonly TimeSpan DefaultDebounce = TimeSpan.FromMilliseconds(500);

    private readonly ConfigurationReloader _reloader;
    private readonly TimeSpan _debounce;
    private readonly ITimer _timer;
    private readonly IDisposable _registration;

    /// <summary>Starts watching <paramref name="configuration"/>'s change token.</summary>
    public FileChangeReloadTrigger(IConfiguration configuration, ConfigurationReloader reloader, TimeProvider time, TimeSpan debounce)
    {
        _reloader = reloader;
        _debounce = debounce;
        _timer = time.CreateTimer(OnQuiet, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _registration = ChangeToken.OnChange(configuration.GetReloadToken, OnChanged);
    }

    public void Dispose()
    {
        _registration.Dispose();
        _timer.Dispose();
    }

    /// <summary>Runs on a timer thread; the reload logs and counts its own failures.</summary>
    private void OnQuiet(object? state) => _ = _reloader.ApplyAsync("file change");

    private void OnChanged()
    {
        // A SIGHUP reload re-reads the files itself and raises this event on its own thread; it needs no second pass.
        if (!_reloader.IsRereadingOnCurrentThread)
        {
            _timer.Change(_debounce, Timeout.InfiniteTimeSpan);
        }
    }
}
