namespace GanWatch.Tests.Metrics;

/// <summary>Files of the repository that the metrics tests check, found from the test assembly's folder.</summary>
public static class RepositoryFiles
{
    /// <summary>Returns the path of <paramref name="relativePath"/> under the folder that contains <c>GanWatch.sln</c>.</summary>
    /// <exception cref="DirectoryNotFoundException">No folder above the test assembly contains GanWatch.sln.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static string Find(string relativePath)
    {
        DirectoryInfo? directory = new(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "GanWatch.sln")))
        {
            directory = directory.Parent;
        }

        if (directory is null)
        {
            throw new DirectoryNotFoundException($"No folder above '{AppContext.BaseDirectory}' contains GanWatch.sln; run the tests from a checkout.");
        }

        string path = Path.Combine(directory.FullName, relativePath);
        return File.Exists(path) ? path : throw new FileNotFoundException($"'{relativePath}' is missing from the repository at '{directory.FullName}'.", path);
    }

    /// <summary>The Grafana dashboard.</summary>
    public static string Dashboard => Find("deploy/grafana/ganwatch.json");

    /// <summary>The Prometheus alert rules.</summary>
    public static string AlertRules => Find("deploy/prometheus/ganwatch-rules.yml");

    /// <summary>The promtool unit tests of the alert rules.</summary>
    public static string AlertRuleTests => Find("deploy/prometheus/ganwatch-rules.test.yml");
}
