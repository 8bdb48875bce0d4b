using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using GanWatch.Tests.Support;

namespace GanWatch.Tests.Reload;

/// <summary>Writes the <c>--config</c> file of a running daemon and sends it SIGHUP.</summary>
internal static class ReloadConfigFile
{
    private const int SignalHangup = 1;

    /// <summary>
    /// Overwrites <paramref name="path"/> with the timings of <paramref name="settings"/> (as
    /// <see cref="DaemonSettings.WriteConfigFile"/> writes them), then applies <paramref name="edit"/> to the document.
    /// </summary>
    public static void Write(string path, DaemonSettings settings, Action<JsonObject> edit)
    {
        var document = new JsonObject
        {
            ["Stream"] = new JsonObject
            {
                ["AutoCommitInterval"] = settings.AutoCommitInterval.ToString("c"),
                ["ShutdownTimeout"] = settings.ShutdownTimeout.ToString("c"),
                ["SessionTimeout"] = settings.SessionTimeout.ToString("c"),
            },
            ["Logging"] = new JsonObject { ["LogLevel"] = new JsonObject { ["Default"] = "Information" } },
        };
        edit(document);
        File.WriteAllText(path, document.ToJsonString());
    }

    /// <summary>Returns the <c>--config</c> path that <see cref="DaemonTestBed.StartDaemon(string)"/> wrote for the daemon <paramref name="name"/>.</summary>
    public static string PathOf(DaemonTestBed bed, string name) => bed.Directory.File(name + ".json");

    /// <summary>Sends SIGHUP to <paramref name="daemon"/>, the signal <c>systemctl reload</c> sends.</summary>
    /// <exception cref="InvalidOperationException">kill(2) failed.</exception>
    public static void Hangup(GanWatchProcess daemon)
    {
        if (SendSignal(daemon.Id, SignalHangup) != 0)
        {
            throw new InvalidOperationException($"kill({daemon.Id}, SIGHUP) failed with errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    /// <summary>Copies a model directory and gives the copy another model version.</summary>
    public static string CopyModel(string source, string target, string modelVersion)
    {
        Directory.CreateDirectory(target);
        foreach (string file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        string metadata = Path.Combine(target, "model.json");
        JsonNode document = JsonNode.Parse(File.ReadAllText(metadata))!;
        document["modelVersion"] = modelVersion;
        File.WriteAllText(metadata, document.ToJsonString());
        return target;
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);
}
