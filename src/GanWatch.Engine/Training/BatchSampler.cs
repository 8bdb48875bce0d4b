using TorchSharp;
using static TorchSharp.torch;

namespace GanWatch.Engine.Training;

/// <summary>
/// Deterministic source of mini-batch indices (System.Random) and Gaussian/uniform noise (a private torch generator),
/// both seeded from the training seed so that runs repeat exactly and do not depend on other threads.
/// </summary>
internal sealed class BatchSampler : IDisposable
{
    private readonly Random random;
    private readonly torch.Generator noise;
    private readonly Device device;
    private readonly int windowCount;

    public BatchSampler(long seed, int windowCount, Device device)
    {
        random = new Random(unchecked((int)(seed ^ (seed >> 32))));
        noise = new torch.Generator(unchecked((ulong)seed), torch.CPU);
        this.device = device;
        this.windowCount = windowCount;
    }

    /// <summary>Returns a batch of <paramref name="size"/> windows drawn uniformly with replacement from <paramref name="data"/>.</summary>
    public Tensor Windows(Tensor data, int size)
    {
        var indices = new long[size];
        for (int i = 0; i < size; i++)
        {
            indices[i] = random.Next(windowCount);
        }

        using var indexTensor = torch.tensor(indices, device: device);
        return data.index_select(0, indexTensor);
    }

    /// <summary>Returns standard normal noise of the given shape on the training device.</summary>
    public Tensor Normal(params long[] shape) => torch.randn(shape, generator: noise).to(device);

    /// <summary>Returns uniform [0, 1) noise of the given shape on the training device.</summary>
    public Tensor Uniform(params long[] shape) => torch.rand(shape, generator: noise).to(device);

    public void Dispose() => noise.Dispose();
}
