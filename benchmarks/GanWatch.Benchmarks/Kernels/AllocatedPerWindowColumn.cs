using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace GanWatch.Benchmarks.Kernels;

/// <summary>
/// Managed bytes allocated per scored window: MemoryDiagnoser's bytes per call divided by the BatchSize parameter.
/// TorchSharp's tensors live in native memory, which no .NET allocation counter counts.
/// </summary>
public sealed class AllocatedPerWindowColumn : IColumn
{
    public string Id => nameof(AllocatedPerWindowColumn);

    public string ColumnName => "Alloc/window";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 1;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Size;

    public string Legend => "Managed bytes allocated per window (Allocated / BatchSize); native tensor memory is not counted";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var report = summary[benchmarkCase];
        if (report is null || benchmarkCase.Parameters["BatchSize"] is not int batchSize)
        {
            return "NA";
        }

        long? bytes = report.GcStats.GetBytesAllocatedPerOperation(benchmarkCase);
        return bytes is null ? "NA" : (bytes.Value / (double)batchSize).ToString("N0", CultureInfo.InvariantCulture) + " B";
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
