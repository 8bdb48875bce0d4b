using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GanWatch.Engine.Models;

/// <summary>
/// Generator of dense models: z to width to 2 * width units (each a linear layer, BatchNorm1d and ReLU as in DCGAN),
/// then a linear layer to one value per encoded feature, shaped [n, channels, 1] like a window of length 1.
/// </summary>
/// <remarks>
/// The output is bounded like the convolutional <see cref="Generator"/>'s, <c>OutputBound * tanh(x / OutputBound)</c>, which
/// covers standard-scaled numbers up to 5 standard deviations and the 0/1 of one-hot columns.
/// </remarks>
internal sealed class DenseGenerator : nn.Module<Tensor, Tensor>
{
    private readonly Sequential body;
    private readonly Linear output;
    private readonly int channels;
    private readonly int windowLength;

    public DenseGenerator(GanOptions options) : base(nameof(DenseGenerator))
    {
        int width = options.GeneratorWidth;
        channels = options.Channels;
        windowLength = options.WindowLength;
        body = nn.Sequential(
            nn.Linear(options.LatentSize, width),
            nn.BatchNorm1d(width),
            nn.ReLU(),
            nn.Linear(width, 2 * width),
            nn.BatchNorm1d(2 * width),
            nn.ReLU());
        output = nn.Linear(2 * width, channels * windowLength);
        RegisterComponents();
    }

    /// <summary>Maps z [n, latent] to encoded events [n, channels, 1].</summary>
    public override Tensor forward(Tensor z)
    {
        using var scope = NewDisposeScope();
        var x = output.forward(body.forward(z)).view(-1, channels, windowLength);
        var bounded = (x / Generator.OutputBound).tanh() * Generator.OutputBound;
        return bounded.MoveToOuterDisposeScope();
    }
}
