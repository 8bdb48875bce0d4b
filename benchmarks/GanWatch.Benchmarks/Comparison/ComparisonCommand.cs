namespace GanWatch.Benchmarks.Comparison;

/// <summary>The <c>compare</c> command: GanWatch's scoring against the PyTorch reference, with a Markdown report.</summary>
public static class ComparisonCommand
{
    /// <summary>Runs the comparison and prints the report; returns 0 on success, 1 on a failure and 2 on invalid arguments.</summary>
    public static int Run(string[] args)
    {
        ComparisonOptions? options;
        try
        {
            options = ComparisonOptions.Parse(args);
        }
        catch (ArgumentException error)
        {
            Console.Error.WriteLine(error.Message);
            return 2;
        }

        if (options is null)
        {
            Console.WriteLine(ComparisonOptions.Usage);
            return 0;
        }

        string? script = FindReferenceScript();
        if (script is null)
        {
            Console.Error.WriteLine("benchmarks/pytorch/reference.py was not found above the current folder or the program's folder. Run the command from the repository.");
            return 2;
        }

        if (!File.Exists(options.PythonPath))
        {
            Console.Error.WriteLine($"{options.PythonPath} was not found. Install Debian's python3-torch (apt-get install python3-torch) or pass --python.");
            return 2;
        }

        try
        {
            var results = new ComparisonRunner(options, script, Console.Error).Run();
            string report = ComparisonReport.ToMarkdown(results, args);
            Console.WriteLine(report);
            if (options.OutputPath is not null)
            {
                File.WriteAllText(options.OutputPath, report);
            }

            return 0;
        }
        catch (InvalidOperationException error)
        {
            Console.Error.WriteLine($"The comparison failed: {error.Message}");
            return 1;
        }
    }

    private static string? FindReferenceScript()
    {
        foreach (string start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                string candidate = Path.Combine(directory.FullName, "benchmarks", "pytorch", "reference.py");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
