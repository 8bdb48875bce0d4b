namespace GanWatch.Evaluation.Smd;

/// <summary>An SMD interpretation label: an anomalous range of test rows and the metrics at fault.</summary>
/// <param name="StartRow">The first anomalous row, 0-based.</param>
/// <param name="EndRow">The row after the last anomalous row, 0-based (exclusive end).</param>
/// <param name="Channels">The faulty metrics as 0-based channel indices, sorted; the file lists them 1-based.</param>
public sealed record SmdAnomalySegment(int StartRow, int EndRow, IReadOnlyList<int> Channels)
{
    /// <summary>The number of rows in the segment.</summary>
    public int RowCount => EndRow - StartRow;
}
