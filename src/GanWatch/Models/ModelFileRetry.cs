using GanWatch.Engine.Persistence;
using Polly;
using Polly.Retry;

namespace GanWatch.Models;

/// <summary>
/// Retries loading or saving a model directory after a transient I/O error, such as a network file system that
/// briefly fails a read. Missing files, denied access and corrupt content are not retried. Thread-safe.
/// </summary>
internal static class ModelFileRetry
{
    /// <summary>Retries after the first failure.</summary>
    public const int MaxRetries = 3;

    /// <summary>Delay before the first retry; later ones double, with jitter.</summary>
    public static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Runs <paramref name="operation"/> on the calling thread, blocking through up to <see cref="MaxRetries"/>
    /// retries. <paramref name="onRetry"/> receives a message naming <paramref name="path"/> and the error.
    /// </summary>
    /// <exception cref="ModelFileException">The last attempt failed to read or write the model.</exception>
    /// <exception cref="IOException">The last attempt failed with an I/O error.</exception>
    public static T Execute<T>(string path, Func<T> operation, Action<string>? onRetry = null)
    {
        ResiliencePipeline pipeline = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
                MaxRetryAttempts = MaxRetries,
                Delay = BaseDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                OnRetry = args =>
                {
                    onRetry?.Invoke($"Model I/O on '{path}' failed ({args.Outcome.Exception?.Message}); retry {args.AttemptNumber + 1} of {MaxRetries} in {args.RetryDelay.TotalMilliseconds:F0} ms.");
                    return default;
                },
            })
            .Build();
        return pipeline.Execute(operation);
    }

    /// <summary>Runs <paramref name="operation"/> like <see cref="Execute{T}"/> for an operation without a result.</summary>
    public static void Execute(string path, Action operation, Action<string>? onRetry = null) =>
        Execute(path, () =>
        {
            operation();
            return true;
        }, onRetry);

    /// <summary>
    /// Returns true for an <see cref="IOException"/>, bare or wrapped in a <see cref="ModelFileException"/>, other than
    /// a missing file or directory.
    /// </summary>
    internal static bool IsTransient(Exception error)
    {
        Exception? cause = error is ModelFileException ? error.InnerException : error;
        return cause is IOException and not FileNotFoundException and not DirectoryNotFoundException and not EndOfStreamException;
    }
}
