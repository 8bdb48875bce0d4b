namespace GanWatch.Tests.Support;

/// <summary>A new directory under the system temporary folder, deleted with its contents on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    private TempDirectory(string path) => Path = path;

    /// <summary>Full path of the directory.</summary>
    public string Path { get; }

    /// <summary>Creates an empty directory whose name starts with <paramref name="prefix"/>.</summary>
    public static TempDirectory Create(string prefix) =>
        new(Directory.CreateTempSubdirectory(prefix + "-").FullName);

    /// <summary>Returns the full path of <paramref name="name"/> inside the directory.</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Already gone.
        }
    }
}
