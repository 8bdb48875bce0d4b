using TorchSharp;
using static TorchSharp.torch;

namespace GanWatch.Engine.Models;

/// <summary>
/// The generator, critic and encoder of one model, on one device. Parameters are frozen (no gradients) except while a
/// trainer runs, so scoring never accumulates parameter gradients.
/// </summary>
internal sealed class GanNetworks : IDisposable
{
    // torch.manual_seed sets the process-wide default generator that module initialisers draw from, so two
    // seeded constructions on different threads must not interleave.
    private static readonly Lock SeedGate = new();

    private GanNetworks(GanOptions options, Device device, nn.Module<Tensor, Tensor> generator, Critic critic, Encoder encoder)
    {
        Options = options;
        Device = device;
        Generator = generator;
        Critic = critic;
        Encoder = encoder;
    }

    public GanOptions Options { get; }

    public Device Device { get; }

    /// <summary>The convolutional <see cref="Models.Generator"/> or the <see cref="DenseGenerator"/>, as selected by the options' architecture.</summary>
    public nn.Module<Tensor, Tensor> Generator { get; }

    public Critic Critic { get; }

    public Encoder Encoder { get; }

    /// <summary>Builds freshly initialised networks, with initial weights determined by <paramref name="seed"/>.</summary>
    public static GanNetworks Create(GanOptions options, Device device, long seed)
    {
        options.ThrowIfInvalid();
        lock (SeedGate)
        {
            torch.manual_seed(seed);
            return Build(options, device);
        }
    }

    /// <summary>Builds networks with arbitrary initial weights, for loading saved weights into.</summary>
    public static GanNetworks CreateUninitialised(GanOptions options, Device device)
    {
        options.ThrowIfInvalid();
        return Build(options, device);
    }

    /// <summary>Returns a deep copy of the networks and their BatchNorm statistics, frozen.</summary>
    public GanNetworks Clone()
    {
        var copy = Build(Options.Clone(), Device);
        using (torch.no_grad())
        {
            CopyState(Generator, copy.Generator);
            CopyState(Critic, copy.Critic);
            CopyState(Encoder, copy.Encoder);
        }

        return copy;
    }

    /// <summary>Sets requires_grad on every parameter of the three networks.</summary>
    public void SetTrainable(bool trainable)
    {
        foreach (var module in new nn.Module[] { Generator, Critic, Encoder })
        {
            foreach (var parameter in module.parameters())
            {
                parameter.requires_grad = trainable;
            }
        }
    }

    /// <summary>Puts all three networks in evaluation mode (BatchNorm uses its running statistics).</summary>
    public void Eval()
    {
        Generator.eval();
        Critic.eval();
        Encoder.eval();
    }

    public void Dispose()
    {
        Generator.Dispose();
        Critic.Dispose();
        Encoder.Dispose();
    }

    private static GanNetworks Build(GanOptions options, Device device)
    {
        nn.Module<Tensor, Tensor> generator = options.Architecture == NetworkArchitecture.Dense
            ? new DenseGenerator(options).to(device)
            : new Generator(options).to(device);
        var critic = new Critic(options).to(device);
        var encoder = new Encoder(options).to(device);
        var networks = new GanNetworks(options, device, generator, critic, encoder);
        networks.SetTrainable(false);
        networks.Eval();
        return networks;
    }

    private static void CopyState(nn.Module source, nn.Module target)
    {
        var targetState = target.state_dict();
        foreach (var (name, tensor) in source.state_dict())
        {
            targetState[name].copy_(tensor);
        }
    }
}
