using System.Formats.Tar;
using GanWatch.FineTuning;
using GanWatch.Tests.Support;

namespace GanWatch.Tests.FineTuning;

public sealed class ModelPackageArchiveTests(TrainedModelFixture model)
{
    [Fact]
    public void PackedModelUnpacksIdentically()
    {
        using TempDirectory directory = TempDirectory.Create("ganwatch-package");

        byte[] package = ModelPackageArchive.Pack(model.ModelDirectory);
        string target = directory.File("unpacked");
        ModelPackageArchive.Unpack(package, target);

        string[] names = Directory.GetFiles(model.ModelDirectory).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;
        Assert.Equal(names, Directory.GetFiles(target).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (string name in names)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(model.ModelDirectory, name)), File.ReadAllBytes(Path.Combine(target, name)));
        }
    }

    [Theory]
    [InlineData("../escape.bin")]
    [InlineData("nested/model.json")]
    [InlineData("..")]
    public void UnpackRejectsPathsOutsideTarget(string entryName)
    {
        using TempDirectory directory = TempDirectory.Create("ganwatch-package");
        using var buffer = new MemoryStream();
        using (var writer = new TarWriter(buffer, TarEntryFormat.Pax, leaveOpen: true))
        {
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, entryName) { DataStream = new MemoryStream([1, 2, 3]) });
        }

        string target = directory.File("unpacked");
        InvalidDataException error = Assert.Throws<InvalidDataException>(() => ModelPackageArchive.Unpack(buffer.ToArray(), target));

        Assert.Contains($"'{entryName}'", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(directory.File("escape.bin")));
        Assert.Empty(Directory.GetFileSystemEntries(target));
    }

    [Fact]
    public void UnpackRejectsEmptyPackage()
    {
        using TempDirectory directory = TempDirectory.Create("ganwatch-package");
        using var buffer = new MemoryStream();
        using (new TarWriter(buffer, TarEntryFormat.Pax, leaveOpen: true))
        {
        }

        Assert.Throws<InvalidDataException>(() => ModelPackageArchive.Unpack(buffer.ToArray(), directory.File("unpacked")));
    }
}
