using GanWatch.Streaming.Processing;
using GanWatch.Streaming.Scoring;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GanWatch.Streaming.Tests.Support;

/// <summary>A running <see cref="StreamProcessor"/> and helpers to wait for it.</summary>
internal sealed class ProcessorRun
{
    private readonly Task _run;

    /// <summary>Creates the processor, lets <paramref name="configure"/> set it up, and starts it.</summary>
    public ProcessorRun(StreamProcessorOptions options, IModelRouter router, Action<StreamProcessor>? configure = null)
    {
        string? logPath = Environment.GetEnvironmentVariable("GANWATCH_TEST_LOG");
        ILogger<StreamProcessor> logger = string.IsNullOrEmpty(logPath)
            ? NullLogger<StreamProcessor>.Instance
            : new FileTestLogger<StreamProcessor>(logPath);
        Processor = new StreamProcessor(options, router, logger, TimeProvider.System);
        configure?.Invoke(Processor);
        _run = Processor.RunAsync(TestContext.Current.CancellationToken);
    }

    public StreamProcessor Processor { get; }

    /// <summary>Waits until <paramref name="records"/> input records were read (replayed or not) and no window is pending.</summary>
    public Task WaitForRecordsAsync(long records, TimeSpan? timeout = null, Action? onPoll = null) =>
        WaitUntilAsync(() =>
        {
            onPoll?.Invoke();
            return Processor.Counters.RecordsConsumed + Processor.Counters.RecordsReplayed >= records
                   && Processor.Counters.PendingWindows == 0;
        }, timeout ?? TimeSpan.FromSeconds(30), $"{records} records processed");

    public async Task StopAsync()
    {
        await Processor.StopAsync(TestContext.Current.CancellationToken);
        await _run;
    }

    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out after {timeout} waiting for {what}.");
            }

            await Task.Delay(5, TestContext.Current.CancellationToken);
        }
    }
}
