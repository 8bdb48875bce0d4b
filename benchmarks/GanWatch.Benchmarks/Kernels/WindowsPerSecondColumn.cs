using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace GanWatch.Benchmarks.Kernels;

/// <summary>Throughput column: the BatchSize parameter divided by the mean time of one call, in windows per second.</summary>
public sealed class WindowsPerSecondColumn : IColumn
{
    public string Id => nameof(WindowsPerSecondColumn);

    public string ColumnName => "Windows/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Windows scored per second: BatchSize / Mean";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var statistics = summary[benchmarkCase]?.ResultStatistics;
        if (statistics is null || benchmarkCase.Parameters["BatchSize"] is not int batchSize)
        {
            return "NA";
        }

        double windowsPerSecond = batchSize / (statistics.Mean * 1e-9);
        return windowsPerSecond.ToString("N0", CultureInfo.InvariantCulture);
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
