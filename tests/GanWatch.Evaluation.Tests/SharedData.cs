namespace GanWatch.Evaluation.Tests;

/// <summary>Finds the shared data folder next to the repository root, or skips the calling test.</summary>
internal static class SharedData
{
    /// <summary>Returns <c>&lt;repository root&gt;/../shared/data/&lt;relativePath&gt;</c>, or skips the test when it is absent.</summary>
    public static string RequireFolder(string relativePath)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "GanWatch.sln")))
        {
            directory = directory.Parent;
        }

        if (directory?.Parent is null)
        {
            Assert.Skip("GanWatch.sln was not found above the test assembly folder, so the shared data folder cannot be located.");
        }

        var folder = Path.GetFullPath(Path.Combine(directory.Parent.FullName, "shared", "data", relativePath));
        if (!Directory.Exists(folder))
        {
            Assert.Skip($"Shared data folder '{folder}' is absent; place the public data sets there to run this test.");
        }

        return folder;
    }
}
