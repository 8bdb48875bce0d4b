using System.Text.Json;

namespace GanWatch.Tests.Support;

/// <summary>
/// Settings of one <c>ganwatch run</c> process. Timings go into a JSON file passed with <c>--config</c>; brokers,
/// topics, group and model go into <c>GANWATCH_</c> environment variables, so both configuration paths are exercised.
/// </summary>
public sealed record DaemonSettings
{
    public required string BootstrapServers { get; init; }

    public required string ModelDirectory { get; init; }

    public string GroupId { get; init; } = "ganwatch-test";

    public string InputTopic { get; init; } = "points";

    public string AlertTopic { get; init; } = "alerts";

    public string DeadLetterTopic { get; init; } = "dead-letters";

    /// <summary>Background commit interval. Default 300 ms, so tests see progress through committed offsets.</summary>
    public TimeSpan AutoCommitInterval { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Graceful stop limit. Default 20 s.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Group session timeout. Default 6 s, because the mock cluster's rebalances wait for it.</summary>
    public TimeSpan SessionTimeout { get; init; } = TimeSpan.FromSeconds(6);

    /// <summary>
    /// Port of the daemon's metrics endpoint on 127.0.0.1, or null (the default) to disable it, so that several daemons
    /// in one test do not compete for the default port.
    /// </summary>
    public int? MetricsPort { get; init; }

    /// <summary>More <c>GANWATCH_</c> environment variables, applied after the others; for example fine-tuning settings.</summary>
    public IReadOnlyDictionary<string, string> ExtraEnvironment { get; init; } = new Dictionary<string, string>();

    /// <summary>Writes the <c>--config</c> file into <paramref name="directory"/> and returns its path.</summary>
    public string WriteConfigFile(TempDirectory directory, string name = "ganwatch.json")
    {
        var document = new Dictionary<string, object>
        {
            ["Stream"] = new Dictionary<string, object>
            {
                ["AutoCommitInterval"] = AutoCommitInterval.ToString("c"),
                ["ShutdownTimeout"] = ShutdownTimeout.ToString("c"),
                ["SessionTimeout"] = SessionTimeout.ToString("c"),
            },
            ["Logging"] = new Dictionary<string, object>
            {
                ["LogLevel"] = new Dictionary<string, string> { ["Default"] = "Information" },
            },
        };

        string path = directory.File(name);
        File.WriteAllText(path, JsonSerializer.Serialize(document));
        return path;
    }

    /// <summary>Returns the environment variables that name brokers, topics, group and model, then <see cref="ExtraEnvironment"/>.</summary>
    public Dictionary<string, string> EnvironmentVariables()
    {
        Dictionary<string, string> variables = BaseEnvironmentVariables();
        foreach ((string key, string value) in ExtraEnvironment)
        {
            variables[key] = value;
        }

        return variables;
    }

    private Dictionary<string, string> BaseEnvironmentVariables() => new()
    {
        ["GANWATCH_Metrics__Enabled"] = MetricsPort is null ? "false" : "true",
        ["GANWATCH_Metrics__Host"] = "127.0.0.1",
        ["GANWATCH_Metrics__Port"] = (MetricsPort ?? 9464).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["GANWATCH_Stream__BootstrapServers"] = BootstrapServers,
        ["GANWATCH_Stream__GroupId"] = GroupId,
        ["GANWATCH_Stream__InputTopic"] = InputTopic,
        ["GANWATCH_Stream__AlertTopic"] = AlertTopic,
        ["GANWATCH_Stream__DeadLetterTopic"] = DeadLetterTopic,
        ["GANWATCH_Models__DefaultModel"] = ModelDirectory,
    };

    /// <summary>Starts <c>ganwatch run --config</c> with these settings.</summary>
    public GanWatchProcess StartDaemon(TempDirectory directory, string name) =>
        GanWatchProcess.Start(name, ["run", "--config", WriteConfigFile(directory, name + ".json")], EnvironmentVariables());
}
