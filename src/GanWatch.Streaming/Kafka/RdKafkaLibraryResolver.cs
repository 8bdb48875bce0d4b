using System.Reflection;
using System.Runtime.InteropServices;

namespace GanWatch.Streaming.Kafka;

/// <summary>
/// Resolves the "librdkafka" import name to the native file that Confluent.Kafka already loaded.
/// </summary>
/// <remarks>
/// librdkafka.redist ships several Linux builds (<c>librdkafka.so</c>, <c>centos8-librdkafka.so</c>,
/// <c>alpine-librdkafka.so</c>) and Confluent.Kafka picks the first one that loads. The default build needs
/// <c>libsasl2.so.3</c>, which Debian 12 does not have, so Confluent falls back to the centos8 build there.
/// The mock-cluster functions must run in the same library instance as the clients, so this resolver asks
/// Confluent to load first and then finds that file among the mapped modules.
/// </remarks>
internal static class RdKafkaLibraryResolver
{
    internal const string LibraryName = "librdkafka";

    private static readonly string[] CandidateFileNames =
    [
        "librdkafka.so", "centos8-librdkafka.so", "alpine-librdkafka.so", "librdkafka.dylib", "librdkafka.dll",
    ];

    private static readonly Lazy<IntPtr> Handle = new(LoadSameLibraryAsConfluent);

    /// <summary>Registers the resolver for this assembly. Safe to call more than once.</summary>
    internal static void EnsureRegistered() => Registration.Value.ToString();

    private static readonly Lazy<bool> Registration = new(() =>
    {
        NativeLibrary.SetDllImportResolver(typeof(RdKafkaLibraryResolver).Assembly, Resolve);
        return true;
    });

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        libraryName == LibraryName ? Handle.Value : IntPtr.Zero;

    private static IntPtr LoadSameLibraryAsConfluent()
    {
        // Reading the version makes Confluent.Kafka load its native library choice.
        _ = Confluent.Kafka.Library.Version;

        string? mapped = FindMappedLibrary();
        if (mapped is not null)
        {
            return NativeLibrary.Load(mapped);
        }

        // Not Linux or /proc is unavailable: try the same files in the order Confluent.Kafka tries them.
        var directories = new[]
        {
            Path.GetDirectoryName(typeof(Confluent.Kafka.Library).Assembly.Location) ?? AppContext.BaseDirectory,
            AppContext.BaseDirectory,
        };
        foreach (string directory in directories)
        {
            foreach (string fileName in CandidateFileNames)
            {
                string path = Path.Combine(directory, fileName);
                if (File.Exists(path) && NativeLibrary.TryLoad(path, out IntPtr handle))
                {
                    return handle;
                }
            }
        }

        throw new DllNotFoundException(
            "Failed to find the librdkafka native library that Confluent.Kafka loaded; " +
            $"looked in /proc/self/maps and in {string.Join(", ", directories)}. " +
            "Check that the librdkafka.redist package is referenced and its runtimes folder was copied to the output.");
    }

    private static string? FindMappedLibrary()
    {
        const string mapsPath = "/proc/self/maps";
        if (!File.Exists(mapsPath))
        {
            return null;
        }

        foreach (string line in File.ReadLines(mapsPath))
        {
            int slash = line.IndexOf('/');
            if (slash < 0)
            {
                continue;
            }

            string path = line[slash..].Trim();
            string fileName = Path.GetFileName(path);
            if (CandidateFileNames.Contains(fileName, StringComparer.Ordinal))
            {
                return path;
            }
        }

        return null;
    }
}
