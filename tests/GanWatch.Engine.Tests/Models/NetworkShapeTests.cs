using GanWatch.Engine.Models;
using TorchSharp;

namespace GanWatch.Engine.Tests.Models;

public class NetworkShapeTests
{
    [Theory]
    [InlineData(8, 1)]
    [InlineData(9, 2)]
    [InlineData(32, 3)]
    [InlineData(64, 1)]
    [InlineData(100, 2)]
    [InlineData(300, 1)]
    public void Networks_ProduceDocumentedShapes(int length, int channels)
    {
        var options = new GanOptions { WindowLength = length, Channels = channels, LatentSize = 6, GeneratorWidth = 4, CriticWidth = 5, EncoderWidth = 3 };
        using var networks = GanNetworks.Create(options, torch.CPU, seed: 1);
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var z = torch.randn(7, 6);

        var generated = networks.Generator.forward(z);
        var features = networks.Critic.Features(generated);
        var score = networks.Critic.forward(generated);
        var encoded = networks.Encoder.forward(generated);

        Assert.Equal(new long[] { 7, channels, length }, generated.shape);
        Assert.Equal(new long[] { 7, networks.Critic.FeatureSize }, features.shape);
        Assert.Equal(new long[] { 7 }, score.shape);
        Assert.Equal(new long[] { 7, 6 }, encoded.shape);
    }

    [Fact]
    public void Generator_OutputStaysWithinBound()
    {
        var options = new GanOptions { WindowLength = 16, LatentSize = 4, GeneratorWidth = 4 };
        using var networks = GanNetworks.Create(options, torch.CPU, seed: 2);
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();

        var generated = networks.Generator.forward(torch.randn(64, 4) * 1000);

        Assert.True(generated.abs().max().item<float>() <= Generator.OutputBound);
    }

    [Theory]
    [InlineData(8, 1, 4)]
    [InlineData(64, 4, 4)]
    [InlineData(100, 4, 7)]
    [InlineData(1000, 5, 32)]
    public void NetworkLayout_FollowsBlockRule(int length, int blocks, int startLength)
    {
        var layout = new NetworkLayout(length);

        Assert.Equal(blocks, layout.Blocks);
        Assert.Equal(startLength, layout.GeneratorStartLength);
        Assert.True(layout.GeneratorStartLength << layout.Blocks >= length);
    }

    [Fact]
    public void GanOptions_ValidateListsEveryProblem()
    {
        var options = new GanOptions { LatentSize = 0, WindowLength = 7, Channels = 0, GeneratorWidth = 0, CriticWidth = -1, EncoderWidth = 0 };

        var problems = options.Validate();

        Assert.Equal(6, problems.Count);
        Assert.Contains(problems, p => p.Contains("WindowLength is 7", StringComparison.Ordinal));
        Assert.Empty(new GanOptions().Validate());
    }

    [Fact]
    public void Clone_CopiesWeightsIndependently()
    {
        var options = new GanOptions { WindowLength = 16, LatentSize = 4, GeneratorWidth = 4, CriticWidth = 4, EncoderWidth = 4 };
        using var original = GanNetworks.Create(options, torch.CPU, seed: 3);
        using var copy = original.Clone();
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var z = torch.randn(5, 4);

        Assert.True(original.Generator.forward(z).allclose(copy.Generator.forward(z), rtol: 0, atol: 0));

        foreach (var parameter in copy.Generator.parameters())
        {
            parameter.add_(1);
        }

        Assert.False(original.Generator.forward(z).allclose(copy.Generator.forward(z), rtol: 0, atol: 0));
    }
}
