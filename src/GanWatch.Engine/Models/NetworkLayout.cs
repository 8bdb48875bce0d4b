namespace GanWatch.Engine.Models;

/// <summary>
/// Layer counts and sizes derived from a window length, shared by the generator, critic and encoder.
/// </summary>
/// <remarks>
/// The rule: the number of stride-2 blocks is <c>clamp(floor(log2(length / 4)), 1, 5)</c>, so window 8 gets 1 block,
/// 64 gets 4 and 128 or more gets 5. The generator starts from <c>ceil(length / 2^blocks)</c> steps, doubles the length
/// in each block and crops the result to the first <c>length</c> steps. The critic and encoder halve the length
/// (rounding down) in each block. Block i uses <c>width * min(2^i, 8)</c> feature maps.
/// </remarks>
internal sealed class NetworkLayout
{
    private const int MaxBlocks = 5;
    private const int MaxWidthFactor = 8;

    public NetworkLayout(int windowLength)
    {
        WindowLength = windowLength;
        Blocks = Math.Clamp((int)Math.Floor(Math.Log2(windowLength / 4.0)), 1, MaxBlocks);
        GeneratorStartLength = (int)Math.Ceiling(windowLength / (double)(1 << Blocks));

        int length = windowLength;
        for (int i = 0; i < Blocks; i++)
        {
            // Conv1d with kernel 4, stride 2, padding 1.
            length = ((length + 2 - 4) / 2) + 1;
        }

        DownsampledLength = length;
    }

    public int WindowLength { get; }

    /// <summary>Number of stride-2 convolution blocks.</summary>
    public int Blocks { get; }

    /// <summary>Sequence length produced by the generator's first (linear) layer.</summary>
    public int GeneratorStartLength { get; }

    /// <summary>Sequence length after the critic's or encoder's last convolution block.</summary>
    public int DownsampledLength { get; }

    /// <summary>Feature maps of block <paramref name="block"/> (0-based) for base width <paramref name="width"/>.</summary>
    public static int BlockWidth(int width, int block) => width * Math.Min(1 << block, MaxWidthFactor);

    /// <summary>Size of the flattened output of the last convolution block for base width <paramref name="width"/>.</summary>
    public int FeatureSize(int width) => BlockWidth(width, Blocks - 1) * DownsampledLength;
}
