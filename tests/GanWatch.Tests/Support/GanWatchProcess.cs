using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace GanWatch.Tests.Support;

/// <summary>
/// The <c>ganwatch</c> CLI started as a separate process (<c>dotnet ganwatch.dll ...</c>) with its standard output and
/// standard error captured. Dispose kills the process if it still runs and writes its output to the test output.
/// </summary>
/// <remarks>Only this instance's own process is ever signalled, by its process id.</remarks>
public sealed class GanWatchProcess : IDisposable
{
    private const int SignalHangup = 1;
    private const int SignalTerminate = 15;
    private const int SignalUser1 = 10;

    private readonly Process _process;
    private readonly string _name;
    private readonly StringBuilder _standardOutput = new();
    private readonly StringBuilder _standardError = new();
    private readonly object _gate = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private GanWatchProcess(Process process, string name)
    {
        _process = process;
        _name = name;
    }

    /// <summary>Process id.</summary>
    public int Id => _process.Id;

    /// <summary>Whether the process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Everything the process wrote to standard output so far.</summary>
    public string StandardOutput
    {
        get
        {
            lock (_gate)
            {
                return _standardOutput.ToString();
            }
        }
    }

    /// <summary>Everything the process wrote to standard error so far.</summary>
    public string StandardError
    {
        get
        {
            lock (_gate)
            {
                return _standardError.ToString();
            }
        }
    }

    /// <summary>
    /// Starts <c>dotnet ganwatch.dll</c> with <paramref name="arguments"/>. Variables starting with <c>GANWATCH_</c> are
    /// removed from the inherited environment, then <paramref name="environment"/> is applied. <paramref name="name"/>
    /// labels the process in the test output, for example <c>daemon-1</c>.
    /// </summary>
    public static GanWatchProcess Start(string name, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(GanWatchAssembly());
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (string key in start.Environment.Keys.Where(k => k.StartsWith("GANWATCH_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach ((string key, string value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start };
        var wrapper = new GanWatchProcess(process, name);
        process.OutputDataReceived += (_, e) => wrapper.Append(wrapper._standardOutput, e.Data);
        process.ErrorDataReceived += (_, e) => wrapper.Append(wrapper._standardError, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return wrapper;
    }

    /// <summary>Returns the path of <c>ganwatch.dll</c>, which the build copies next to the test assembly.</summary>
    /// <exception cref="FileNotFoundException">The file is missing, so the test project was not built with its reference to src/GanWatch.</exception>
    public static string GanWatchAssembly()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "ganwatch.dll");
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"ganwatch.dll not found next to the tests in '{AppContext.BaseDirectory}'; build tests/GanWatch.Tests, which references src/GanWatch.", path);
    }

    /// <summary>Waits until standard output or standard error contains <paramref name="text"/>.</summary>
    /// <exception cref="TimeoutException">The text did not appear within <paramref name="timeout"/>, or the process exited first.</exception>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (!StandardOutput.Contains(text, StringComparison.Ordinal) && !StandardError.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited)
            {
                throw new TimeoutException($"{_name} exited with code {_process.ExitCode} before writing '{text}'.{Environment.NewLine}{Describe()}");
            }

            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"{_name} did not write '{text}' within {timeout}.{Environment.NewLine}{Describe()}");
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    /// <summary>Waits for the process to exit and returns its exit code.</summary>
    /// <exception cref="TimeoutException">The process still runs after <paramref name="timeout"/>; it is left running for Dispose to kill.</exception>
    public async Task<int> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await _process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{_name} (pid {Id}) did not exit within {timeout}.{Environment.NewLine}{Describe()}");
        }

        return _process.ExitCode;
    }

    /// <summary>Ends the process at once with SIGKILL, as a crash or an out-of-memory kill would.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }
    }

    /// <summary>Sends SIGTERM, the signal systemd and container runtimes use to ask for a graceful stop.</summary>
    /// <exception cref="InvalidOperationException">kill(2) failed.</exception>
    public void Terminate()
    {
        if (SendSignal(Id, SignalTerminate) != 0)
        {
            throw new InvalidOperationException($"kill({Id}, SIGTERM) failed with errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    /// <summary>Sends SIGHUP, the signal <c>systemctl reload</c> sends through the unit's <c>ExecReload=</c>.</summary>
    /// <exception cref="InvalidOperationException">kill(2) failed.</exception>
    public void Hangup()
    {
        if (SendSignal(Id, SignalHangup) != 0)
        {
            throw new InvalidOperationException($"kill({Id}, SIGHUP) failed with errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    /// <summary>Sends SIGUSR1, which requests a fine-tuning run from the daemon.</summary>
    /// <exception cref="InvalidOperationException">kill(2) failed.</exception>
    public void RequestFineTuning()
    {
        if (SendSignal(Id, SignalUser1) != 0)
        {
            throw new InvalidOperationException($"kill({Id}, SIGUSR1) failed with errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    /// <summary>Returns the process' name, exit state and captured output, for failure messages.</summary>
    public string Describe()
    {
        string state = _process.HasExited ? $"exit code {_process.ExitCode}" : "running";
        return $"--- {_name} (pid {Id}, {state}) standard output ---{Environment.NewLine}{StandardOutput}" +
               $"--- {_name} standard error ---{Environment.NewLine}{StandardError}";
    }

    public void Dispose()
    {
        Kill();

        // Let the asynchronous readers reach the end of both pipes before the output is copied.
        _process.WaitForExit();
        TestContext.Current.TestOutputHelper?.WriteLine(Describe());
        _process.Dispose();
    }

    private void Append(StringBuilder target, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            target.Append(_clock.Elapsed.TotalSeconds.ToString("F1", System.Globalization.CultureInfo.InvariantCulture))
                .Append("s ").AppendLine(line);
        }
    }

    private static string DotnetHost()
    {
        string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        return !string.IsNullOrEmpty(host) && File.Exists(host) ? host : "dotnet";
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);
}
