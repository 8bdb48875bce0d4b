using GanWatch.Streaming.Diagnostics;
using GanWatch.Streaming.Processing;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace GanWatch.Streaming.Publishing;

/// <summary>
/// The Polly pipeline that produces a failed record again: an outer retry with exponential backoff and jitter around a
/// circuit breaker shared by every record. Thread-safe.
/// </summary>
/// <remarks>
/// The breaker samples the first failure of each record and every retry attempt, not first attempts that succeed, so
/// its failure ratio describes records that already failed once.
/// </remarks>
internal sealed class PublishRetryPipeline
{
    private readonly ResiliencePipeline _pipeline;
    private readonly StreamCounters _counters;
    private readonly ILogger _logger;
    private readonly PublishResilienceOptions _options;
    private volatile bool _breakerOpen;

    public PublishRetryPipeline(PublishResilienceOptions options, StreamCounters counters, ILogger logger, TimeProvider time)
    {
        _counters = counters;
        _logger = logger;
        _options = options;
        var builder = new ResiliencePipelineBuilder { TimeProvider = time };

        // Rejections by the open breaker do not use up MaxRetries: only failed deliveries count, through
        // PublishAttemptException.FailedAttempts, so a long outage pauses the consumer instead of failing records.
        builder.AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder()
                .Handle<PublishAttemptException>(error => error.IsTransient && error.FailedAttempts <= options.MaxRetries)
                .Handle<BrokenCircuitException>(),
            MaxRetryAttempts = int.MaxValue,
            DelayGenerator = args => new ValueTask<TimeSpan?>(NextDelay(args.Outcome.Exception)),
            OnRetry = args =>
            {
                if (args.Outcome.Exception is PublishAttemptException failed)
                {
                    _counters.AddPublishRetry();
                    Log.PublishRetrying(_logger, failed.FailedAttempts, args.RetryDelay, failed.Message);
                }

                return default;
            },
        });

        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<PublishAttemptException>(error => error.IsTransient),
            FailureRatio = options.FailureRatio,
            MinimumThroughput = options.MinimumThroughput,
            SamplingDuration = options.SamplingDuration,
            BreakDuration = options.BreakDuration,
            OnOpened = args =>
            {
                _breakerOpen = true;
                _counters.AddPublishBreakerOpening();
                Log.PublishBreakerOpened(_logger, args.BreakDuration, args.Outcome.Exception?.Message ?? "no error");
                return default;
            },
            OnHalfOpened = _ =>
            {
                _breakerOpen = false;
                Log.PublishBreakerHalfOpened(_logger);
                return default;
            },
            OnClosed = _ =>
            {
                _breakerOpen = false;
                Log.PublishBreakerClosed(_logger);
                return default;
            },
        });

        _pipeline = builder.Build();
    }

    /// <summary>Whether the breaker is open now; half-open counts as closed so that the consumer resumes and probes.</summary>
    public bool IsBreakerOpen => _breakerOpen;

    /// <summary>
    /// Runs <paramref name="attempt"/> until it succeeds, fails with a permanent error, or fails
    /// <see cref="PublishResilienceOptions.MaxRetries"/> + 1 times. <paramref name="attempt"/> receives the number of
    /// failed attempts so far and throws <see cref="PublishAttemptException"/> on failure.
    /// </summary>
    /// <exception cref="PublishAttemptException">The last attempt failed permanently or the retries ran out.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task ExecuteAsync(Func<int, CancellationToken, ValueTask> attempt, CancellationToken cancellationToken)
    {
        int failures = 0;
        await _pipeline.ExecuteAsync(async token =>
        {
            try
            {
                await attempt(failures, token).ConfigureAwait(false);
            }
            catch (PublishAttemptException error)
            {
                failures++;
                throw new PublishAttemptException(error.Error, failures);
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Exponential backoff with jitter after a failed delivery: <see cref="PublishResilienceOptions.BaseDelay"/> times
    /// 2^(failures - 1), scaled by a random factor from 0.5 to 1.5 and capped at <see cref="PublishResilienceOptions.MaxDelay"/>.
    /// After a rejection, the breaker's remaining break time, or the base delay while a half-open probe runs.
    /// </summary>
    private TimeSpan NextDelay(Exception? error)
    {
        if (error is BrokenCircuitException rejected)
        {
            return rejected.RetryAfter is { } retryAfter && retryAfter > TimeSpan.Zero ? retryAfter : _options.BaseDelay;
        }

        int failures = error is PublishAttemptException failed ? Math.Max(1, failed.FailedAttempts) : 1;
        double exponential = _options.BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 30));
        double jittered = exponential * (0.5 + Random.Shared.NextDouble());
        return TimeSpan.FromMilliseconds(Math.Min(jittered, _options.MaxDelay.TotalMilliseconds));
    }
}
