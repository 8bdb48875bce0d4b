using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using GanWatch.Engine.Data;

namespace GanWatch.Engine.Tests.Support;

/// <summary>
/// The PyTorch reference under benchmarks/pytorch, run by Debian's /usr/bin/python3 as one long-lived child process
/// that reads one JSON request and writes one JSON response per line. <see cref="SkipReason"/> is set instead when
/// Python or torch is missing.
/// </summary>
public sealed class PyTorchReference : IDisposable
{
    /// <summary>The Python interpreter of Debian's python3-torch package.</summary>
    public const string PythonPath = "/usr/bin/python3";

    private readonly Process? process;
    private readonly TemporaryDirectory files = new();
    private int windowFiles;

    public PyTorchReference()
    {
        string? script = FindScript();
        if (script is null)
        {
            SkipReason = "benchmarks/pytorch/reference.py was not found above the test assembly folder, so the PyTorch reference cannot run.";
            return;
        }

        SkipReason = CheckTorch();
        if (SkipReason is not null)
        {
            return;
        }

        var start = new ProcessStartInfo(PythonPath)
        {
            ArgumentList = { script, "serve", "--threads", "1" },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["OPENBLAS_NUM_THREADS"] = "1";
        start.Environment["OMP_NUM_THREADS"] = "1";
        process = Process.Start(start) ?? throw new InvalidOperationException($"Starting {PythonPath} {script} serve failed.");
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
    }

    /// <summary>Why the reference cannot run on this machine, or null when it can.</summary>
    public string? SkipReason { get; }

    /// <summary>A folder for model directories, deleted on dispose.</summary>
    public string WorkFolder => files.Path;

    /// <summary>Loads the model directory <paramref name="modelDirectory"/> under <paramref name="name"/>.</summary>
    public void Load(string name, string modelDirectory) =>
        Send(new JsonObject { ["command"] = "load", ["name"] = name, ["model"] = modelDirectory });

    /// <summary>Scores <paramref name="windows"/> with the model loaded as <paramref name="name"/> and the given scoring options.</summary>
    /// <returns>The response: arrays score, residual, featureDistance, channelResiduals and lastPointResiduals.</returns>
    public JsonObject Score(string name, WindowBatch windows, JsonObject options)
    {
        string path = Path.Combine(files.Path, $"windows-{++windowFiles}.f32");
        File.WriteAllBytes(path, MemoryMarshal.AsBytes(windows.Values.AsSpan()).ToArray());
        return Send(new JsonObject
        {
            ["command"] = "score",
            ["name"] = name,
            ["windows"] = path,
            ["count"] = windows.Count,
            ["options"] = options,
        });
    }

    public void Dispose()
    {
        if (process is not null)
        {
            process.StandardInput.Close();
            if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                process.Kill();
            }

            process.Dispose();
        }

        files.Dispose();
    }

    private JsonObject Send(JsonObject request)
    {
        if (process is null)
        {
            throw new InvalidOperationException($"The PyTorch reference is not running: {SkipReason}");
        }

        process.StandardInput.WriteLine(request.ToJsonString());
        process.StandardInput.Flush();
        string line = process.StandardOutput.ReadLine()
            ?? throw new InvalidOperationException($"The PyTorch reference exited with code {(process.WaitForExit(5000) ? process.ExitCode : -1)} before responding to {request["command"]}.");
        var response = JsonNode.Parse(line)!.AsObject();
        if (response["ok"]?.GetValue<bool>() != true)
        {
            throw new InvalidOperationException($"The PyTorch reference rejected {request["command"]}: {response["error"]}");
        }

        return response;
    }

    private static string? FindScript()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "GanWatch.sln")))
        {
            directory = directory.Parent;
        }

        string? script = directory is null ? null : Path.Combine(directory.FullName, "benchmarks", "pytorch", "reference.py");
        return script is not null && File.Exists(script) ? script : null;
    }

    private static string? CheckTorch()
    {
        if (!File.Exists(PythonPath))
        {
            return $"{PythonPath} is missing; install Debian's python3-torch package (apt-get install python3-torch) to run this test.";
        }

        var start = new ProcessStartInfo(PythonPath)
        {
            ArgumentList = { "-c", "import torch" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var check = Process.Start(start)!;
        string error = check.StandardError.ReadToEnd();
        check.WaitForExit();
        return check.ExitCode == 0
            ? null
            : $"{PythonPath} cannot import torch ({error.Trim().Split('\n').LastOrDefault()}); install Debian's python3-torch package (apt-get install python3-torch) to run this test.";
    }
}
