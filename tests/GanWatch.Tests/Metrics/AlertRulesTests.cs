using System.Diagnostics;

namespace GanWatch.Tests.Metrics;

/// <summary>The Prometheus alert rules, checked and unit-tested with promtool.</summary>
public sealed class AlertRulesTests
{
    private const string PromtoolPath = "/usr/bin/promtool";

    [Fact]
    public async Task PromtoolAcceptsRules()
    {
        (int exitCode, string output) = await RunPromtoolAsync("check", "rules", RepositoryFiles.AlertRules);

        Assert.True(exitCode == 0, $"promtool check rules failed with exit code {exitCode}:{Environment.NewLine}{output}");
        Assert.Contains("SUCCESS", output);
    }

    [Fact]
    public async Task RulesFireOnlyWhenExpected()
    {
        (int exitCode, string output) = await RunPromtoolAsync("test", "rules", RepositoryFiles.AlertRuleTests);

        Assert.True(exitCode == 0, $"promtool test rules failed with exit code {exitCode}:{Environment.NewLine}{output}");
    }

    [Fact]
    public void EveryRuleHasExpression()
    {
        List<string> expressions = QueriedMetricNames.RuleExpressions(RepositoryFiles.AlertRules);
        int alerts = File.ReadAllLines(RepositoryFiles.AlertRules).Count(line => line.TrimStart().StartsWith("- alert:", StringComparison.Ordinal));

        Assert.Equal(alerts, expressions.Count);
        Assert.All(expressions, expression => Assert.False(string.IsNullOrWhiteSpace(expression)));
        Assert.Contains(expressions, expression => expression.Contains("absent(up", StringComparison.Ordinal));
    }

    private static async Task<(int ExitCode, string Output)> RunPromtoolAsync(params string[] arguments)
    {
        if (!File.Exists(PromtoolPath))
        {
            Assert.Skip($"{PromtoolPath} is missing; install Debian's prometheus package (apt-get install prometheus) to run this test.");
        }

        var start = new ProcessStartInfo(PromtoolPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        Task<string> standardOutput = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        Task<string> standardError = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await standardOutput + await standardError);
    }
}
