using Microsoft.Extensions.Logging;

namespace GanWatch.Streaming.Tests.Support;

/// <summary>Appends log lines to the file named by <c>GANWATCH_TEST_LOG</c>, for debugging a test run.</summary>
internal sealed class FileTestLogger<T>(string path) : ILogger<T>
{
    private static readonly object Gate = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (Gate)
        {
            File.AppendAllText(path, $"{DateTime.Now:HH:mm:ss.fff} {logLevel} {formatter(state, exception)} {exception}{Environment.NewLine}");
        }
    }
}
