using System;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

/// <summary>
/// Marks one version need of an ELF64 little-endian shared library as weak (VER_FLG_WEAK), so
/// that the dynamic loader accepts the library on a host whose libstdc++ lacks that version.
/// Only copies in <see cref="Directory"/> and its subfolders are changed.
/// </summary>
public sealed class WeakenElfVersionNeed : Task
{
    private const uint SectionTypeVersionNeed = 0x6ffffffe; // SHT_GNU_verneed
    private const ushort VersionFlagWeak = 0x2;             // VER_FLG_WEAK

    [Required] public string Directory { get; set; } = "";
    [Required] public string LibraryName { get; set; } = "";
    [Required] public string VersionName { get; set; } = "";
    [Required] public string HostLibraries { get; set; } = "";

    public override bool Execute()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return true;
        }

        string[] copies = System.IO.Directory.GetFiles(Directory, LibraryName, SearchOption.AllDirectories);
        if (copies.Length == 0)
        {
            return true;
        }

        if (HostProvidesVersion())
        {
            Log.LogMessage(MessageImportance.Low, "The host libstdc++ provides {0}; {1} is left unchanged.", VersionName, LibraryName);
            return true;
        }

        foreach (string path in copies)
        {
            try
            {
                string outcome = WeakenVersionNeed(path);
                Log.LogMessage(MessageImportance.Normal, "{0}: {1}", path, outcome);
            }
            catch (Exception ex) when (ex is IOException || ex is InvalidDataException || ex is UnauthorizedAccessException)
            {
                Log.LogError("Failed to mark the {0} version need of '{1}' as weak: {2}. Delete the file and build again.", VersionName, path, ex.Message);
                return false;
            }
        }

        return !Log.HasLoggedErrors;
    }

    private bool HostProvidesVersion()
    {
        byte[] needle = Encoding.ASCII.GetBytes(VersionName + "\0");
        foreach (string candidate in HostLibraries.Split(new[] { ';' }, StringSplitOptions.RemoveEmptyEntries))
        {
            if (File.Exists(candidate) && IndexOf(File.ReadAllBytes(candidate), needle) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    private string WeakenVersionNeed(string path)
    {
        byte[] image = File.ReadAllBytes(path);
        if (image.Length < 64 || image[0] != 0x7f || image[1] != (byte)'E' || image[2] != (byte)'L' || image[3] != (byte)'F')
        {
            throw new InvalidDataException("not an ELF file");
        }

        if (image[4] != 2 || image[5] != 1)
        {
            throw new InvalidDataException("only 64-bit little-endian ELF files are supported");
        }

        long sectionTable = (long)BitConverter.ToUInt64(image, 0x28);
        int sectionEntrySize = BitConverter.ToUInt16(image, 0x3a);
        int sectionCount = BitConverter.ToUInt16(image, 0x3c);

        for (int i = 0; i < sectionCount; i++)
        {
            long header = sectionTable + (long)i * sectionEntrySize;
            if (BitConverter.ToUInt32(image, (int)header + 4) != SectionTypeVersionNeed)
            {
                continue;
            }

            long needOffset = (long)BitConverter.ToUInt64(image, (int)header + 0x18);
            uint linkedStrings = BitConverter.ToUInt32(image, (int)header + 0x28);
            long stringsHeader = sectionTable + (long)linkedStrings * sectionEntrySize;
            long stringsOffset = (long)BitConverter.ToUInt64(image, (int)stringsHeader + 0x18);

            long need = needOffset;
            while (true)
            {
                int auxCount = BitConverter.ToUInt16(image, (int)need + 2);
                long aux = need + BitConverter.ToUInt32(image, (int)need + 8);
                for (int a = 0; a < auxCount; a++)
                {
                    uint nameOffset = BitConverter.ToUInt32(image, (int)aux + 8);
                    if (ReadString(image, stringsOffset + nameOffset) == VersionName)
                    {
                        int flagsAt = (int)aux + 4;
                        ushort flags = BitConverter.ToUInt16(image, flagsAt);
                        if ((flags & VersionFlagWeak) != 0)
                        {
                            return VersionName + " is already weak";
                        }

                        ushort weakened = (ushort)(flags | VersionFlagWeak);
                        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write))
                        {
                            stream.Position = flagsAt;
                            stream.Write(BitConverter.GetBytes(weakened), 0, 2);
                        }

                        return "marked the " + VersionName + " version need as weak";
                    }

                    uint nextAux = BitConverter.ToUInt32(image, (int)aux + 12);
                    if (nextAux == 0)
                    {
                        break;
                    }

                    aux += nextAux;
                }

                uint next = BitConverter.ToUInt32(image, (int)need + 12);
                if (next == 0)
                {
                    break;
                }

                need += next;
            }
        }

        return "no " + VersionName + " version need found";
    }

    private static string ReadString(byte[] image, long offset)
    {
        int end = (int)offset;
        while (end < image.Length && image[end] != 0)
        {
            end++;
        }

        return Encoding.ASCII.GetString(image, (int)offset, end - (int)offset);
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (int i = 0; i <= haystack.Length - needle.Length; i++)
        {
            int j = 0;
            while (j < needle.Length && haystack[i + j] == needle[j])
            {
                j++;
            }

            if (j == needle.Length)
            {
                return i;
            }
        }

        return -1;
    }
}
