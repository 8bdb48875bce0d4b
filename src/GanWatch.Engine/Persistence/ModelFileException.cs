namespace GanWatch.Engine.Persistence;

/// <summary>A saved model could not be read or written: a part is missing, corrupt, of the wrong shape or of a newer format.</summary>
public sealed class ModelFileException : Exception
{
    /// <summary>Creates an exception about <paramref name="filePath"/>; the message should state the problem and the fix.</summary>
    public ModelFileException(string filePath, string message, Exception? innerException = null)
        : base($"{filePath}: {message}", innerException)
    {
        FilePath = filePath;
    }

    /// <summary>The model file or directory the problem is in.</summary>
    public string FilePath { get; }
}
