namespace GanWatch.Evaluation.Data;

/// <summary>Options for <see cref="CsvSeriesReader"/>.</summary>
public sealed class CsvReadOptions
{
    /// <summary>The cell separator. Default <c>','</c>.</summary>
    public char Separator { get; set; } = ',';

    /// <summary>
    /// The header name of the timestamp column, compared case-insensitively. Default <c>"timestamp"</c>, as in NAB files.
    /// A column with this name is parsed as timestamps and is not a channel.
    /// </summary>
    public string TimestampColumn { get; set; } = "timestamp";

    /// <summary>
    /// The minimum number of data rows, for example one model window. Default 1.
    /// A file with fewer rows fails with <see cref="DataFormatException"/>.
    /// </summary>
    public int MinimumRows { get; set; } = 1;

    /// <summary>Returns every problem with these options, or an empty list when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Separator is '\r' or '\n' or '"')
        {
            problems.Add($"Separator '{Separator}' is invalid; use a character such as ',' or ';'.");
        }

        if (string.IsNullOrWhiteSpace(TimestampColumn))
        {
            problems.Add("TimestampColumn is empty; set the header name of the timestamp column, for example \"timestamp\".");
        }

        if (MinimumRows < 1)
        {
            problems.Add($"MinimumRows is {MinimumRows}; set it to 1 or more.");
        }

        return problems;
    }
}
