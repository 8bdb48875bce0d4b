using GanWatch.Models;
using GanWatch.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace GanWatch.Tests.Reload;

public sealed class SwappableModelRouterTests(TrainedModelFixture model)
{
    [Fact]
    public void ReloadReusesUnchangedAndRetiresReplaced()
    {
        using var directory = TempDirectory.Create("ganwatch-router");
        string second = ReloadConfigFile.CopyModel(model.ModelDirectory, directory.File("second"), "router-second");
        var initial = new ModelCatalog(new ModelOptions { DefaultModel = model.ModelDirectory }, NullLogger<ModelCatalog>.Instance);
        using var router = new SwappableModelRouter(initial, NullLogger<SwappableModelRouter>.Instance);
        EngineWindowModel original = initial.Models.Values.Single();

        var problems = new List<string>();
        ModelCatalog? routed = initial.LoadNext(new ModelOptions
        {
            DefaultModel = model.ModelDirectory,
            Routes = [new ModelRoute { Pattern = "cpu-*", Model = second }],
        }, problems);
        Assert.Empty(problems);
        Assert.NotNull(routed);
        Assert.Empty(router.Swap(routed));
        Assert.Same(original, router.Resolve("mem-1"));
        Assert.Equal("router-second", router.Resolve("cpu-1").Version);

        ModelCatalog? secondOnly = router.Current.LoadNext(new ModelOptions { DefaultModel = second }, problems);
        Assert.NotNull(secondOnly);
        IReadOnlyList<EngineWindowModel> retired = router.Swap(secondOnly);
        Assert.Same(original, Assert.Single(retired));
        Assert.Equal("router-second", router.Resolve("mem-1").Version);
        float[] window = Enumerable.Range(0, original.WindowLength).Select(i => (float)Math.Sin(i * 0.2)).ToArray();
        Assert.Single(original.Score(window, 1));
        router.DisposeRetired(retired);
        Assert.Throws<ObjectDisposedException>(() => original.Score(window, 1));

        Assert.Null(router.Current.LoadNext(new ModelOptions { DefaultModel = directory.File("missing") }, problems));
        Assert.Contains(directory.File("missing"), Assert.Single(problems), StringComparison.Ordinal);
    }
}
