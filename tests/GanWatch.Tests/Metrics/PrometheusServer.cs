using System.Diagnostics;
using System.Text;
using System.Text.Json;
using GanWatch.Tests.Support;

namespace GanWatch.Tests.Metrics;

/// <summary>
/// A Prometheus server process (Debian's <c>/usr/bin/prometheus</c>) on 127.0.0.1 that scrapes one target every second
/// as job <c>ganwatch</c> and evaluates the given rule file, with its storage in a temporary directory. Dispose kills
/// that process by its id and deletes the directory.
/// </summary>
public sealed class PrometheusServer : IDisposable
{
    /// <summary>Where Debian's <c>prometheus</c> package installs the server.</summary>
    public const string BinaryPath = "/usr/bin/prometheus";

    private readonly Process _process;
    private readonly TempDirectory _directory;
    private readonly StringBuilder _output = new();

    private PrometheusServer(Process process, TempDirectory directory, int port)
    {
        _process = process;
        _directory = directory;
        BaseUrl = $"http://127.0.0.1:{port}";
    }

    /// <summary>The server's HTTP address, such as <c>http://127.0.0.1:40123</c>.</summary>
    public string BaseUrl { get; }

    /// <summary>Starts a server that scrapes <paramref name="target"/> (<c>host:port</c>) and evaluates <paramref name="rulesPath"/>.</summary>
    public static PrometheusServer Start(string target, string rulesPath)
    {
        TempDirectory directory = TempDirectory.Create("ganwatch-prometheus");
        string config = directory.File("prometheus.yml");
        File.WriteAllText(config, $"""
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            rule_files:
              - "{rulesPath}"
            scrape_configs:
              - job_name: ganwatch
                static_configs:
                  - targets: ["{target}"]
            """);

        int port = FreeTcpPort.Find();
        var start = new ProcessStartInfo(BinaryPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add($"--config.file={config}");
        start.ArgumentList.Add($"--storage.tsdb.path={directory.File("data")}");
        start.ArgumentList.Add($"--web.listen-address=127.0.0.1:{port}");

        var process = new Process { StartInfo = start };
        var server = new PrometheusServer(process, directory, port);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>
    /// Polls <c>/api/v1/query</c> with <paramref name="query"/> until <paramref name="accept"/> returns true for the
    /// <c>data.result</c> array, and returns that array's JSON.
    /// </summary>
    /// <exception cref="TimeoutException">The condition did not hold within <paramref name="timeout"/>, or the server exited.</exception>
    public Task<string> WaitForQueryAsync(HttpClient client, string query, Func<JsonElement, bool> accept, TimeSpan timeout, CancellationToken cancellationToken) =>
        WaitForAsync(client, "/api/v1/query?query=" + Uri.EscapeDataString(query), "result", accept, query, timeout, cancellationToken);

    /// <summary>Polls <c>/api/v1/rules</c> until <paramref name="accept"/> returns true for its <c>data.groups</c> array, and returns that array's JSON.</summary>
    /// <exception cref="TimeoutException">The condition did not hold within <paramref name="timeout"/>, or the server exited.</exception>
    public Task<string> WaitForRulesAsync(HttpClient client, Func<JsonElement, bool> accept, TimeSpan timeout, CancellationToken cancellationToken) =>
        WaitForAsync(client, "/api/v1/rules", "groups", accept, "rules", timeout, cancellationToken);

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        _process.WaitForExit();
        TestContext.Current.TestOutputHelper?.WriteLine($"--- prometheus (pid {_process.Id}) output ---{Environment.NewLine}{Output}");
        _process.Dispose();
        _directory.Dispose();
    }

    private string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    private async Task<string> WaitForAsync(HttpClient client, string pathAndQuery, string property, Func<JsonElement, bool> accept, string description,
        TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        string last = "no response yet";
        while (clock.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new TimeoutException($"prometheus exited with code {_process.ExitCode} while waiting for {description}.{Environment.NewLine}{Output}");
            }

            try
            {
                last = await client.GetStringAsync(BaseUrl + pathAndQuery, cancellationToken);
                using JsonDocument document = JsonDocument.Parse(last);
                JsonElement data = document.RootElement.GetProperty("data").GetProperty(property);
                if (accept(data))
                {
                    return data.GetRawText();
                }
            }
            catch (HttpRequestException error)
            {
                // The server is still starting up.
                last = error.Message;
            }

            await Task.Delay(250, cancellationToken);
        }

        throw new TimeoutException($"prometheus did not return the expected {description} within {timeout}; last response: {last}{Environment.NewLine}{Output}");
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
