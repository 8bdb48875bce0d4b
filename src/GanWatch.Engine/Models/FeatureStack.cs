using TorchSharp;
using static TorchSharp.torch;

namespace GanWatch.Engine.Models;

/// <summary>
/// The body shared in form by the critic and the encoder: maps inputs [n, channels, length] to flat features
/// [n, <see cref="FeatureSize"/>]. <see cref="ConvolutionStack"/> serves series windows and <see cref="DenseStack"/> events.
/// </summary>
internal abstract class FeatureStack(string name) : nn.Module<Tensor, Tensor>(name)
{
    /// <summary>Length of the flattened output vector.</summary>
    public abstract int FeatureSize { get; }

    /// <summary>Builds the stack that <paramref name="options"/> selects, with base width <paramref name="width"/>.</summary>
    public static FeatureStack Create(GanOptions options, int width) => options.Architecture == NetworkArchitecture.Dense
        ? new DenseStack(options.Channels * options.WindowLength, width)
        : new ConvolutionStack(options.Channels, width, new NetworkLayout(options.WindowLength));
}
