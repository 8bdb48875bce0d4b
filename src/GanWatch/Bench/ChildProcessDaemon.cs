using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using Confluent.Kafka;
using GanWatch.Hosting;

namespace GanWatch.Bench;

/// <summary>
/// The daemon as a child <c>ganwatch run</c> process of the same executable, configured through <c>GANWATCH_</c>
/// environment variables. The sampled process then contains only the daemon, not the mock broker or the bench clients.
/// </summary>
/// <remarks>
/// The child's counters are not visible from here, so progress is the sum of the group's committed offsets. It equals
/// the records processed, because every input partition starts at offset 0 and the daemon stores an offset only once
/// the record is done. The daemon commits every <see cref="CommitInterval"/>, so progress lags by up to that interval.
/// </remarks>
internal sealed class ChildProcessDaemon : IBenchDaemon
{
    /// <summary>Commit interval given to the child, short so that committed offsets track progress closely.</summary>
    public static readonly TimeSpan CommitInterval = TimeSpan.FromMilliseconds(100);

    private const int SignalTerminate = 15;
    private const string AssignedLogText = "Partitions assigned";
    private static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);

    private readonly ProcessStartInfo _start;
    private readonly IConsumer<byte[]?, byte[]?> _offsets;
    private readonly List<TopicPartition> _inputPartitions;
    private readonly TopicPartition _alertPartition;
    private const int MaxOutputChars = 64 * 1024;
    private readonly StringBuilder _output = new();
    private readonly object _gate = new();
    private Process? _process;
    private volatile bool _assigned;

    /// <param name="hostSettings">The daemon's configuration keys (<c>Section:Key</c>), as the in-process host takes them.</param>
    /// <param name="partitions">Partitions of the input topic.</param>
    public ChildProcessDaemon(IReadOnlyDictionary<string, string?> hostSettings, int partitions)
    {
        string bootstrapServers = hostSettings["Stream:BootstrapServers"]!;
        string groupId = hostSettings["Stream:GroupId"]!;
        string input = hostSettings["Stream:InputTopic"]!;
        string alerts = hostSettings["Stream:AlertTopic"]!;

        _start = StartInfo();
        foreach (string key in _start.Environment.Keys.Where(k => k.StartsWith(GanWatchHost.EnvironmentPrefix, StringComparison.Ordinal)).ToList())
        {
            _start.Environment.Remove(key);
        }

        foreach ((string key, string? value) in hostSettings)
        {
            _start.Environment[GanWatchHost.EnvironmentPrefix + key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        // Information level makes the daemon log its partition assignment. It logs lifecycle and pause or resume lines
        // at this level, never one per record.
        _start.Environment[GanWatchHost.EnvironmentPrefix + "Logging__LogLevel__Default"] = "Information";
        _start.Environment[GanWatchHost.EnvironmentPrefix + "Stream__AutoCommitInterval"] = CommitInterval.ToString("c");

        // This client never subscribes, so it reads the group's committed offsets without joining the group.
        var config = new ConsumerConfig { BootstrapServers = bootstrapServers, GroupId = groupId, EnableAutoCommit = false };
        _offsets = new ConsumerBuilder<byte[]?, byte[]?>(config).Build();
        _inputPartitions = Enumerable.Range(0, partitions).Select(p => new TopicPartition(input, p)).ToList();
        _alertPartition = new TopicPartition(alerts, 0);
    }

    /// <exception cref="InvalidOperationException">Read before <see cref="StartAsync"/>.</exception>
    public Process Process => _process ?? throw new InvalidOperationException("The daemon process has not been started; call StartAsync first.");

    public TimeSpan PollInterval => TimeSpan.FromMilliseconds(100);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var process = new Process { StartInfo = _start };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        return Task.CompletedTask;
    }

    public async Task WaitForAssignmentAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (!_assigned)
        {
            if (Process.HasExited)
            {
                throw new InvalidOperationException($"The daemon process exited with code {Process.ExitCode} before its partitions were assigned. Its output:{Environment.NewLine}{Output()}");
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"The daemon process (pid {Process.Id}) was not assigned partitions within {timeout.TotalSeconds:F0} s. Its output:{Environment.NewLine}{Output()}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <exception cref="InvalidOperationException">The daemon process exited while the bench still expected records to be processed.</exception>
    public long RecordsConsumed()
    {
        if (Process.HasExited)
        {
            throw new InvalidOperationException($"The daemon process exited with code {Process.ExitCode} during the measurement. Its output:{Environment.NewLine}{Output()}");
        }

        return _offsets.Committed(_inputPartitions, QueryTimeout).Sum(entry => entry.Offset.IsSpecial ? 0 : entry.Offset.Value);
    }

    public bool HasProcessed(long expected) => RecordsConsumed() >= expected;

    /// <summary>Sends SIGTERM, waits for the exit and returns the alert topic's end offset, which is the alerts published.</summary>
    /// <exception cref="InvalidOperationException">kill(2) failed, the process did not exit in time, or it exited with an error code.</exception>
    public async Task<long> StopAsync()
    {
        Process process = Process;
        if (!process.HasExited && SendSignal(process.Id, SignalTerminate) != 0)
        {
            throw new InvalidOperationException($"kill({process.Id}, SIGTERM) failed with errno {Marshal.GetLastPInvokeError()}.");
        }

        using (var limit = new CancellationTokenSource(StopTimeout))
        {
            try
            {
                await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                throw new InvalidOperationException($"The daemon process (pid {process.Id}) did not exit within {StopTimeout.TotalSeconds:F0} s of SIGTERM. Its output:{Environment.NewLine}{Output()}");
            }
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"The daemon process exited with code {process.ExitCode} after SIGTERM. Its output:{Environment.NewLine}{Output()}");
        }

        return _offsets.QueryWatermarkOffsets(_alertPartition, QueryTimeout).High.Value;
    }

    public ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process?.Dispose();
        _offsets.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Returns how to start this executable with <c>run</c>: the <c>ganwatch</c> apphost directly when it is the running
    /// process, otherwise the dotnet host with <c>ganwatch.dll</c> (under <c>dotnet run</c> or a test host).
    /// </summary>
    private static ProcessStartInfo StartInfo()
    {
        string? processPath = Environment.ProcessPath;
        string assembly = typeof(ChildProcessDaemon).Assembly.Location;
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        if (processPath is not null && Path.GetFileNameWithoutExtension(processPath) == Path.GetFileNameWithoutExtension(assembly))
        {
            start.FileName = processPath;
        }
        else
        {
            string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
            start.FileName = processPath is not null && Path.GetFileNameWithoutExtension(processPath) == "dotnet" ? processPath
                : !string.IsNullOrEmpty(host) && File.Exists(host) ? host
                : "dotnet";
            start.ArgumentList.Add(assembly);
        }

        start.ArgumentList.Add("run");
        return start;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        if (line.Contains(AssignedLogText, StringComparison.Ordinal))
        {
            _assigned = true;
        }

        lock (_gate)
        {
            _output.AppendLine(line);

            // Keep only the newest output, which the error messages quote.
            if (_output.Length > MaxOutputChars)
            {
                _output.Remove(0, _output.Length - MaxOutputChars);
            }
        }
    }

    private string Output()
    {
        lock (_gate)
        {
            return _output.ToString();
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);
}
