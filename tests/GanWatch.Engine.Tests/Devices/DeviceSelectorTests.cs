using GanWatch.Engine.Devices;
using TorchSharp;

namespace GanWatch.Engine.Tests.Devices;

public class DeviceSelectorTests
{
    [Theory]
    [InlineData("cpu")]
    [InlineData(" CPU ")]
    public void Resolve_Cpu(string name)
    {
        Assert.Equal(DeviceType.CPU, DeviceSelector.Resolve(name).type);
    }

    [Fact]
    public void Resolve_AutoFollowsCudaAvailability()
    {
        var expected = torch.cuda.is_available() ? DeviceType.CUDA : DeviceType.CPU;

        Assert.Equal(expected, DeviceSelector.Resolve("auto").type);
    }

    [Theory]
    [InlineData("cuda")]
    [InlineData("cuda:1")]
    public void Resolve_CudaWithoutGpuFails(string name)
    {
        if (torch.cuda.is_available())
        {
            Assert.Skip("CUDA is available on this machine, so the unavailable case cannot be tested.");
        }

        var error = Assert.Throws<InvalidOperationException>(() => DeviceSelector.Resolve(name));

        Assert.Contains("CUDA is not available", error.Message);
        Assert.Contains(name, error.Message);
    }

    [Theory]
    [InlineData("gpu")]
    [InlineData("cuda:x")]
    [InlineData("cuda:-1")]
    [InlineData("")]
    public void Resolve_RejectsUnknownName(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => DeviceSelector.Resolve(name));

        Assert.Contains("cpu, cuda, cuda:N", error.Message);
    }
}
