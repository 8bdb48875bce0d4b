using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json.Nodes;
using GanWatch.Engine.Data;

namespace GanWatch.Benchmarks.Comparison;

/// <summary>
/// The PyTorch reference (benchmarks/pytorch/reference.py serve) as a child process that reads one JSON request per
/// line and writes one JSON response per line. Its models and windows stay loaded between requests, so timings exclude
/// Python's start-up and file reads.
/// </summary>
public sealed class ReferenceProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder errors = new();

    private ReferenceProcess(Process process)
    {
        this.process = process;
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is not null)
            {
                lock (errors)
                {
                    errors.AppendLine(line.Data);
                }
            }
        };
        process.BeginErrorReadLine();
    }

    /// <summary>Starts <paramref name="pythonPath"/> on <paramref name="script"/> with PyTorch and OpenBLAS limited to <paramref name="threads"/>.</summary>
    /// <exception cref="InvalidOperationException">The process could not be started.</exception>
    public static ReferenceProcess Start(string pythonPath, string script, int threads)
    {
        var start = new ProcessStartInfo(pythonPath)
        {
            ArgumentList = { script, "serve", "--threads", threads.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // OpenBLAS and OpenMP keep their own thread pools, which torch.set_num_threads does not size.
        start.Environment["OPENBLAS_NUM_THREADS"] = start.ArgumentList[3];
        start.Environment["OMP_NUM_THREADS"] = start.ArgumentList[3];
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Starting {pythonPath} {script} failed.");
        return new ReferenceProcess(process);
    }

    /// <summary>Returns the PyTorch version, thread count and BLAS libraries of the child process.</summary>
    public JsonObject Info() => Send(new JsonObject { ["command"] = "info" });

    /// <summary>Loads a saved GanWatch model directory under <paramref name="name"/>.</summary>
    public void Load(string name, string modelDirectory) =>
        Send(new JsonObject { ["command"] = "load", ["name"] = name, ["model"] = modelDirectory });

    /// <summary>Writes <paramref name="windows"/> to <paramref name="path"/> as little-endian float32 in [count, channels, length] order.</summary>
    public static void WriteWindows(string path, WindowBatch windows) =>
        File.WriteAllBytes(path, MemoryMarshal.AsBytes(windows.Values.AsSpan()).ToArray());

    /// <summary>Scores the windows file with the model <paramref name="name"/> and returns the score of each window.</summary>
    public double[] Score(string name, string windowsPath, int count, JsonObject options)
    {
        var response = Send(Request("score", name, windowsPath, count, options));
        return response["score"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
    }

    /// <summary>Times the scoring of the windows file: one warm-up call, then calls until <paramref name="minSeconds"/> have passed.</summary>
    /// <returns>Windows scored per second.</returns>
    public double Time(string name, string windowsPath, int count, JsonObject options, double minSeconds)
    {
        var request = Request("time", name, windowsPath, count, options);
        request["minSeconds"] = minSeconds;
        return Send(request)["windowsPerSecond"]!.GetValue<double>();
    }

    public void Dispose()
    {
        try
        {
            process.StandardInput.Close();
            if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                process.Kill();
            }
        }
        finally
        {
            process.Dispose();
        }
    }

    private static JsonObject Request(string command, string name, string windowsPath, int count, JsonObject options) => new()
    {
        ["command"] = command,
        ["name"] = name,
        ["windows"] = windowsPath,
        ["count"] = count,
        ["options"] = options.DeepClone(),
    };

    private JsonObject Send(JsonObject request)
    {
        process.StandardInput.WriteLine(request.ToJsonString());
        process.StandardInput.Flush();
        string? line = process.StandardOutput.ReadLine();
        if (line is null)
        {
            process.WaitForExit();
            string stderr;
            lock (errors)
            {
                stderr = errors.ToString().Trim();
            }

            throw new InvalidOperationException(
                $"The PyTorch reference exited with code {process.ExitCode} before responding to '{request["command"]}'. Its error output: {stderr}");
        }

        var response = JsonNode.Parse(line)!.AsObject();
        if (response["ok"]?.GetValue<bool>() != true)
        {
            throw new InvalidOperationException($"The PyTorch reference rejected '{request["command"]}': {response["error"]}");
        }

        return response;
    }
}
