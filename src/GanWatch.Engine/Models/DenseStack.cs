using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GanWatch.Engine.Models;

/// <summary>
/// Two fully connected layers, inputs to 2 * width to width units, each followed by LeakyReLU(0.2) and no normalisation,
/// shared in form by the critic and the encoder of dense models. Inputs [n, channels, 1] are flattened first.
/// </summary>
internal sealed class DenseStack : FeatureStack
{
    private const double LeakySlope = 0.2;

    private readonly Linear hidden;
    private readonly Linear features;

    public DenseStack(int inputs, int width) : base(nameof(DenseStack))
    {
        hidden = nn.Linear(inputs, 2 * width);
        features = nn.Linear(2 * width, width);
        FeatureSize = width;
        RegisterComponents();
    }

    /// <inheritdoc />
    public override int FeatureSize { get; }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var h = nn.functional.leaky_relu(hidden.forward(x.flatten(1)), LeakySlope);
        return nn.functional.leaky_relu(features.forward(h), LeakySlope).MoveToOuterDisposeScope();
    }
}
