using GanWatch.Engine.Features;
using GanWatch.Evaluation.Kdd99;

namespace GanWatch.Evaluation.Tests.Kdd99;

/// <summary>
/// Runs alone, not beside training tests. While it read the 494,021 records in parallel with them, a training test's
/// Adam step failed inside TorchSharp 0.107.0 in 2 of 5 runs, with a native "Expected false to be true" check in a
/// scalar conversion.
/// </summary>
/// <remarks>
/// NOTE: the cause is not proven. The likely one is a garbage collection, forced by this test's allocations, finalizing
/// a TorchSharp scalar that a native call still used.
/// </remarks>
[CollectionDefinition(DisableParallelization = true)]
public sealed class SharedKdd99Collection;

[Collection(typeof(SharedKdd99Collection))]
public sealed class Kdd99SharedDataTests
{
    [Fact]
    public void Load_SharedDataHasPublishedShape()
    {
        string folder = SharedData.RequireFolder("kdd99");

        var data = Kdd99Data.Load(folder);

        Assert.Equal(494_021, data.Rows.Count);
        Assert.Equal(97_278, data.IsNormal.Count(n => n));
        Assert.Equal(41, data.Columns.Count);
        Assert.Equal(7, data.Schema.Fields.Count(f => f.Kind == FeatureKind.Categorical));
    }
}
