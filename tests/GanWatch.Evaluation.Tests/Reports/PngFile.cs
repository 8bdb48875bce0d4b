using System.Buffers.Binary;

namespace GanWatch.Evaluation.Tests.Reports;

/// <summary>Reads the size of a PNG file from its signature and IHDR chunk, as the PNG specification lays them out.</summary>
internal static class PngFile
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Returns the width and height in pixels, or null when the file does not start with a PNG signature and an IHDR chunk.</summary>
    public static (int Width, int Height)? ReadSize(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 24 || !bytes.AsSpan(0, 8).SequenceEqual(Signature))
        {
            return null;
        }

        // The first chunk follows the signature: a 4-byte length, the type "IHDR", then width and height as big-endian uint32.
        if (bytes[12] != (byte)'I' || bytes[13] != (byte)'H' || bytes[14] != (byte)'D' || bytes[15] != (byte)'R')
        {
            return null;
        }

        return ((int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(16, 4)), (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(20, 4)));
    }
}
