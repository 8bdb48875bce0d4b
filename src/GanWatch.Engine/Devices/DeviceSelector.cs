using TorchSharp;
using static TorchSharp.torch;

namespace GanWatch.Engine.Devices;

/// <summary>Turns a device name from configuration into a TorchSharp device.</summary>
public static class DeviceSelector
{
    /// <summary>
    /// Resolves "cpu", "cuda", "cuda:N" (N is the 0-based GPU index) or "auto" (CUDA device 0 when
    /// torch.cuda.is_available() returns true, otherwise the CPU). Names are case-insensitive; surrounding spaces are ignored.
    /// </summary>
    /// <exception cref="ArgumentException">The name is not one of the forms above.</exception>
    /// <exception cref="InvalidOperationException">A CUDA device was requested but CUDA is unavailable or has fewer devices.</exception>
    public static Device Resolve(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string normalized = name.Trim().ToLowerInvariant();
        switch (normalized)
        {
            case "cpu":
                return torch.CPU;
            case "auto":
                return torch.cuda.is_available() ? torch.CUDA : torch.CPU;
            case "cuda":
                return ResolveCuda(name, 0);
        }

        if (normalized.StartsWith("cuda:", StringComparison.Ordinal)
            && int.TryParse(normalized.AsSpan(5), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int index))
        {
            return ResolveCuda(name, index);
        }

        throw new ArgumentException($"Unknown device '{name}'. Use cpu, cuda, cuda:N (for example cuda:1) or auto.", nameof(name));
    }

    private static Device ResolveCuda(string name, int index)
    {
        if (!torch.cuda.is_available())
        {
            throw new InvalidOperationException(
                $"Device '{name}' was requested, but CUDA is not available to TorchSharp (no GPU, no driver, or a CPU-only libtorch package). " +
                "Use the cpu or auto device, or install a CUDA build of libtorch.");
        }

        int count = torch.cuda.device_count();
        if (index >= count)
        {
            throw new InvalidOperationException($"Device '{name}' was requested, but only {count} CUDA device(s) exist (indices 0 to {count - 1}).");
        }

        return torch.device(DeviceType.CUDA, index);
    }
}
