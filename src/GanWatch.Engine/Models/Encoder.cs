using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GanWatch.Engine.Models;

/// <summary>
/// Encoder E: a <see cref="FeatureStack"/> (convolutional or dense) and a linear layer mapping a window [n, channels, length] to z [n, latent].
/// The output is unbounded because z is sampled from a standard normal distribution during training.
/// </summary>
internal sealed class Encoder : nn.Module<Tensor, Tensor>
{
    private readonly FeatureStack stack;
    private readonly Linear output;

    public Encoder(GanOptions options) : base(nameof(Encoder))
    {
        stack = FeatureStack.Create(options, options.EncoderWidth);
        output = nn.Linear(stack.FeatureSize, options.LatentSize);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        return output.forward(stack.forward(x)).MoveToOuterDisposeScope();
    }
}
