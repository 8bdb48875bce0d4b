using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GanWatch.Engine.Models;

/// <summary>
/// Critic (discriminator): a <see cref="FeatureStack"/> (convolutional or dense) without BatchNorm, so that the WGAN-GP gradient penalty
/// stays per sample, then a linear layer to one unnormalised score per window. The same network serves the plain GAN
/// objective, where the score is a logit.
/// </summary>
internal sealed class Critic : nn.Module<Tensor, Tensor>
{
    private readonly FeatureStack stack;
    private readonly Linear output;

    public Critic(GanOptions options) : base(nameof(Critic))
    {
        stack = FeatureStack.Create(options, options.CriticWidth);
        output = nn.Linear(stack.FeatureSize, 1);
        RegisterComponents();
    }

    /// <summary>Length of the feature vector returned by <see cref="Features"/>.</summary>
    public int FeatureSize => stack.FeatureSize;

    /// <summary>Returns the flattened output of the last convolution block, [n, <see cref="FeatureSize"/>].</summary>
    public Tensor Features(Tensor x) => stack.forward(x);

    /// <summary>Returns the score of each window, [n].</summary>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        return output.forward(stack.forward(x)).squeeze(1).MoveToOuterDisposeScope();
    }

    /// <summary>Returns both the features and the score of each window from one pass.</summary>
    public (Tensor Features, Tensor Score) FeaturesAndScore(Tensor x)
    {
        var features = stack.forward(x);
        return (features, output.forward(features).squeeze(1));
    }
}
