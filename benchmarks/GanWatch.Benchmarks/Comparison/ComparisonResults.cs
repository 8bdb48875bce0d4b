namespace GanWatch.Benchmarks.Comparison;

/// <summary>The score agreement of one mode on one shape: the largest differences between GanWatch's and PyTorch's scores.</summary>
public sealed record AgreementResult(string Mode, ComparisonShape Shape, double MaxAbsoluteDifference, double MaxRelativeDifference);

/// <summary>The timings of one mode on one shape, one pair per repetition, in windows per second.</summary>
public sealed class TimingResult(string mode, ComparisonShape shape)
{
    public string Mode { get; } = mode;

    public ComparisonShape Shape { get; } = shape;

    public List<double> GanWatch { get; } = [];

    public List<double> PyTorch { get; } = [];

    /// <summary>GanWatch's throughput divided by PyTorch's, per repetition; above 1 means GanWatch scored faster.</summary>
    public IEnumerable<double> Ratios => GanWatch.Zip(PyTorch, (ganWatch, pyTorch) => ganWatch / pyTorch);
}

/// <summary>Everything the comparison measured, with the settings and environment it ran in.</summary>
public sealed record ComparisonResults(
    ComparisonOptions Options,
    string PyTorchVersion,
    string PyTorchBlas,
    DateTimeOffset StartedAt,
    TimeSpan Duration,
    double LoadAverageBefore,
    double LoadAverageAfter,
    IReadOnlyList<AgreementResult> Agreement,
    IReadOnlyList<TimingResult> Timings);
