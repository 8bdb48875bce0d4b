using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GanWatch.Engine.Models;

/// <summary>
/// Conv1d (kernel 4, stride 2, padding 1) blocks with LeakyReLU(0.2) and no normalisation, shared in form by the critic and
/// the encoder. The output is flattened to [n, features].
/// </summary>
internal sealed class ConvolutionStack : FeatureStack
{
    private const double LeakySlope = 0.2;

    private readonly ModuleList<Conv1d> convolutions;

    public ConvolutionStack(int channels, int width, NetworkLayout layout) : base(nameof(ConvolutionStack))
    {
        convolutions = new ModuleList<Conv1d>();
        int inChannels = channels;
        for (int i = 0; i < layout.Blocks; i++)
        {
            int outChannels = NetworkLayout.BlockWidth(width, i);
            convolutions.Add(nn.Conv1d(inChannels, outChannels, kernel_size: 4, stride: 2, padding: 1));
            inChannels = outChannels;
        }

        FeatureSize = layout.FeatureSize(width);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override int FeatureSize { get; }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        foreach (var convolution in convolutions)
        {
            x = nn.functional.leaky_relu(convolution.forward(x), LeakySlope);
        }

        return x.flatten(1).MoveToOuterDisposeScope();
    }
}
