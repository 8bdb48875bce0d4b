namespace GanWatch.Evaluation.Data;

/// <summary>
/// The exception thrown when an input file is missing, empty or malformed.
/// The message names the file, the 1-based line where known, the problem and how to fix it.
/// </summary>
public sealed class DataFormatException : Exception
{
    /// <summary>Creates the exception with a complete message.</summary>
    public DataFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a complete message and the error that caused it.</summary>
    public DataFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a problem on one line of a file.</summary>
    /// <param name="path">The file being read.</param>
    /// <param name="lineNumber">The 1-based line number.</param>
    /// <param name="problem">What is wrong and what to do, as one or more sentences.</param>
    public DataFormatException(string path, int lineNumber, string problem)
        : base($"{path}, line {lineNumber}: {problem}")
    {
        FilePath = path;
        LineNumber = lineNumber;
    }

    /// <summary>The file being read, or null when the message does not refer to one line.</summary>
    public string? FilePath { get; }

    /// <summary>The 1-based line number, or 0 when the message does not refer to one line.</summary>
    public int LineNumber { get; }
}
