using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GanWatch.Engine.Models;

/// <summary>
/// DCGAN-style 1-D generator: a linear layer maps z to a short sequence, then ConvTranspose1d (kernel 4, stride 2)
/// blocks with BatchNorm1d and ReLU double its length up to the window length (see <see cref="NetworkLayout"/>).
/// </summary>
/// <remarks>
/// The training data are z-score normalised, not bounded to [-1, 1], so the output is a scaled tanh,
/// <c>OutputBound * tanh(x / OutputBound)</c> with <see cref="OutputBound"/> = 5: it is close to linear near zero and can
/// represent values up to 5 standard deviations from the channel mean. Inputs are not clipped, so a larger
/// spike in scored data shows up as a residual.
/// </remarks>
internal sealed class Generator : nn.Module<Tensor, Tensor>
{
    /// <summary>Largest absolute value the generator can output, in standard deviations of the normalised data.</summary>
    public const float OutputBound = 5f;

    private readonly Linear input;
    private readonly BatchNorm1d inputNorm;
    private readonly ModuleList<nn.Module<Tensor, Tensor>> blocks;
    private readonly int startChannels;
    private readonly int startLength;
    private readonly int windowLength;

    public Generator(GanOptions options) : base(nameof(Generator))
    {
        var layout = new NetworkLayout(options.WindowLength);
        int width = options.GeneratorWidth;
        startChannels = NetworkLayout.BlockWidth(width, layout.Blocks - 1);
        startLength = layout.GeneratorStartLength;
        windowLength = options.WindowLength;

        input = nn.Linear(options.LatentSize, startChannels * startLength);
        inputNorm = nn.BatchNorm1d(startChannels);
        blocks = new ModuleList<nn.Module<Tensor, Tensor>>();
        for (int i = layout.Blocks - 1; i >= 0; i--)
        {
            int inChannels = NetworkLayout.BlockWidth(width, i);
            if (i > 0)
            {
                int outChannels = NetworkLayout.BlockWidth(width, i - 1);
                blocks.Add(nn.Sequential(
                    nn.ConvTranspose1d(inChannels, outChannels, kernel_size: 4, stride: 2, padding: 1),
                    nn.BatchNorm1d(outChannels),
                    nn.ReLU()));
            }
            else
            {
                blocks.Add(nn.ConvTranspose1d(inChannels, options.Channels, kernel_size: 4, stride: 2, padding: 1));
            }
        }

        RegisterComponents();
    }

    /// <summary>Maps z [n, latent] to windows [n, channels, length].</summary>
    public override Tensor forward(Tensor z)
    {
        using var scope = NewDisposeScope();
        var x = input.forward(z).view(-1, startChannels, startLength);
        x = nn.functional.relu(inputNorm.forward(x));
        foreach (var block in blocks)
        {
            x = block.forward(x);
        }

        x = x.narrow(2, 0, windowLength);
        var output = (x / OutputBound).tanh() * OutputBound;
        return output.MoveToOuterDisposeScope();
    }
}
