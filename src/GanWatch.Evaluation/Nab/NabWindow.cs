namespace GanWatch.Evaluation.Nab;

/// <summary>A NAB scoring window: the timestamps from the labels file and the rows they match, both inclusive.</summary>
/// <param name="Start">The first timestamp of the window.</param>
/// <param name="End">The last timestamp of the window.</param>
/// <param name="StartRow">The 0-based row whose timestamp is <paramref name="Start"/>.</param>
/// <param name="EndRow">The 0-based row whose timestamp is <paramref name="End"/>.</param>
public sealed record NabWindow(DateTime Start, DateTime End, int StartRow, int EndRow)
{
    /// <summary>The number of rows in the window.</summary>
    public int RowCount => EndRow - StartRow + 1;

    /// <summary>Returns whether <paramref name="row"/> lies inside the window.</summary>
    public bool Contains(int row) => row >= StartRow && row <= EndRow;
}
