using GanWatch.Streaming.Scoring;
using GanWatch.Streaming.Tests.Support;

namespace GanWatch.Streaming.Tests.Scoring;

public sealed class PatternModelRouterTests
{
    [Fact]
    public void FirstMatchingPatternWinsElseDefault()
    {
        var fallback = new ZScoreTestModel(4);
        var cpu = new ZScoreTestModel(8);
        var cpuSpecial = new ZScoreTestModel(16);
        var router = new PatternModelRouter(fallback,
        [
            new("cpu-special-?", cpuSpecial),
            new("cpu-*", cpu),
        ]);

        Assert.Same(cpuSpecial, router.Resolve("cpu-special-1"));
        Assert.Same(cpu, router.Resolve("cpu-special-10"));
        Assert.Same(cpu, router.Resolve("cpu-"));
        Assert.Same(fallback, router.Resolve("xcpu-1"));
        Assert.Same(fallback, router.Resolve("CPU-1"));
    }

    [Fact]
    public void RegexCharactersAreLiteral()
    {
        var fallback = new ZScoreTestModel(4);
        var dotted = new ZScoreTestModel(8);
        var router = new PatternModelRouter(fallback, [new("a.b(*)", dotted)]);

        Assert.Same(dotted, router.Resolve("a.b(x)"));
        Assert.Same(fallback, router.Resolve("axb(x)"));
    }

    [Fact]
    public void EmptyPatternThrows()
    {
        var model = new ZScoreTestModel(4);

        Assert.Throws<ArgumentException>(() => new PatternModelRouter(model, [new("", model)]));
    }
}
