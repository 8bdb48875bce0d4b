namespace GanWatch.Models;

/// <summary>
/// Serialises changes of the live model catalog: a configuration reload and a fine-tuned or imported model each build
/// the next catalog from the current one and swap it in while holding this gate, so that neither undoes the other.
/// </summary>
/// <remarks>Thread-safe. Hold it only for loading and swapping, never across a training run.</remarks>
internal sealed class ModelSwapGate : IDisposable
{
    private readonly SemaphoreSlim _semaphore = new(1, 1);

    /// <summary>Waits for the gate; dispose the result to release it.</summary>
    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken = default)
    {
        await _semaphore.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Release(_semaphore);
    }

    public void Dispose() => _semaphore.Dispose();

    private sealed class Release(SemaphoreSlim semaphore) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                semaphore.Release();
            }
        }
    }
}
