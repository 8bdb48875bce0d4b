namespace GanWatch.Evaluation.Nab;

/// <summary>
/// The value NAB's sweeper gives a detection on each row of one series, before profile weights.
/// </summary>
/// <remarks>
/// Rows before <see cref="FirstScoredRow"/> are the probation period and never count.
/// A detection inside window w is worth <c>A_TP * S(-(end - row + 1) / width) / S(-1)</c>, where S is
/// <see cref="NabScoring.ScaledSigmoid"/>, so the first row of a window earns exactly A_TP and only the best
/// (earliest) detection of a window counts. A detection outside every window costs <c>A_FP * S(d)</c>, where d is the
/// distance from the last row of the preceding window divided by (width - 1) of that window, or A_FP when no window
/// precedes it. A window without a detection among its scored rows costs A_FN.
/// Instances are immutable and thread-safe.
/// </remarks>
public sealed class NabRowWeights
{
    private static readonly double MaxTruePositive = NabScoring.ScaledSigmoid(-1.0);

    private readonly double[] _unweighted;
    private readonly int[] _windowOfRow;

    private NabRowWeights(string name, double[] unweighted, int[] windowOfRow, int firstScoredRow, int windowCount, int scoredWindowCount)
    {
        Name = name;
        _unweighted = unweighted;
        _windowOfRow = windowOfRow;
        FirstScoredRow = firstScoredRow;
        WindowCount = windowCount;
        ScoredWindowCount = scoredWindowCount;
    }

    /// <summary>The series name used in reports.</summary>
    public string Name { get; }

    /// <summary>The number of rows, probation included.</summary>
    public int RowCount => _unweighted.Length;

    /// <summary>The first row after the probation period.</summary>
    public int FirstScoredRow { get; }

    /// <summary>The number of windows of the series.</summary>
    public int WindowCount { get; }

    /// <summary>The number of windows that end after the probation period, so that missing them costs A_FN.</summary>
    public int ScoredWindowCount { get; }

    /// <summary>
    /// Computes the row values for a series.
    /// </summary>
    /// <param name="name">The series name used in reports.</param>
    /// <param name="rowCount">The number of rows of the series.</param>
    /// <param name="windows">Inclusive row ranges, sorted and not overlapping.</param>
    /// <param name="probationFraction">The share of rows NAB does not score; see <see cref="NabScoring.ProbationRows"/>.</param>
    /// <exception cref="ArgumentException">A window lies outside the rows, is empty, or overlaps or precedes the previous window.</exception>
    public static NabRowWeights Create(
        string name,
        int rowCount,
        IReadOnlyList<(int StartRow, int EndRow)> windows,
        double probationFraction = NabScoring.DefaultProbationFraction)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(windows);
        ValidateWindows(name, rowCount, windows);

        var firstScoredRow = NabScoring.ProbationRows(rowCount, probationFraction);
        var unweighted = new double[rowCount];
        var windowOfRow = new int[rowCount];
        var nextWindow = 0;
        var currentWindow = -1;
        var previousEnd = -1;
        var previousWidth = 0;
        for (var row = 0; row < rowCount; row++)
        {
            if (nextWindow < windows.Count && row == windows[nextWindow].StartRow)
            {
                currentWindow = nextWindow++;
            }

            windowOfRow[row] = currentWindow;
            if (currentWindow >= 0)
            {
                var (startRow, endRow) = windows[currentWindow];
                double width = endRow - startRow + 1;
                unweighted[row] = NabScoring.ScaledSigmoid(-(endRow - row + 1) / width) / MaxTruePositive;
                if (row == endRow)
                {
                    previousEnd = endRow;
                    previousWidth = endRow - startRow + 1;
                    currentWindow = -1;
                }
            }
            else if (previousEnd < 0 || previousWidth < 2)
            {
                // NOTE: NAB divides by (width - 1), which fails for a one-row window; such a window is treated as far away.
                unweighted[row] = -1.0;
            }
            else
            {
                unweighted[row] = NabScoring.ScaledSigmoid((row - previousEnd) / (double)(previousWidth - 1));
            }
        }

        var scoredWindowCount = windows.Count(window => window.EndRow >= firstScoredRow);
        return new NabRowWeights(name, unweighted, windowOfRow, firstScoredRow, windows.Count, scoredWindowCount);
    }

    /// <summary>Returns the window index of a row, or -1 outside every window.</summary>
    public int WindowOf(int row) => _windowOfRow[row];

    /// <summary>
    /// Returns the value of a detection on <paramref name="row"/> under <paramref name="profile"/>: positive inside
    /// a window, negative outside. Probation rows return 0.
    /// </summary>
    public double DetectionValue(int row, NabProfile profile)
    {
        if (row < FirstScoredRow)
        {
            return 0.0;
        }

        return _windowOfRow[row] >= 0
            ? _unweighted[row] * profile.TruePositiveWeight
            : _unweighted[row] * profile.FalsePositiveWeight;
    }

    private static void ValidateWindows(string name, int rowCount, IReadOnlyList<(int StartRow, int EndRow)> windows)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rowCount);
        var previousEnd = -1;
        foreach (var (startRow, endRow) in windows)
        {
            if (startRow <= previousEnd || endRow < startRow || endRow >= rowCount)
            {
                throw new ArgumentException(
                    $"Series '{name}' has window rows {startRow}-{endRow}, which is empty, outside rows 0-{rowCount - 1}, or not after the previous window ending at row {previousEnd}; pass sorted, disjoint windows.",
                    nameof(windows));
            }

            previousEnd = endRow;
        }
    }
}
