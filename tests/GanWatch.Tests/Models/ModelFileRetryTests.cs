using GanWatch.Engine.Persistence;
using GanWatch.Models;

namespace GanWatch.Tests.Models;

public sealed class ModelFileRetryTests
{
    [Fact]
    public void TransientIoErrorRetriedUntilSuccess()
    {
        int calls = 0;
        var retries = new List<string>();
        int result = ModelFileRetry.Execute("/models/a", () => ++calls < 3 ? throw new IOException("stale file handle") : calls, retries.Add);

        Assert.Equal(3, result);
        Assert.Equal(2, retries.Count);
        Assert.All(retries, message => Assert.Contains("/models/a", message, StringComparison.Ordinal));
    }

    [Fact]
    public void CorruptContentNotRetried()
    {
        int calls = 0;
        Assert.Throws<ModelFileException>(() => ModelFileRetry.Execute("/models/b", () =>
        {
            calls++;
            throw new ModelFileException("/models/b/model.json", "The checksum of generator.bin does not match.");
        }));

        Assert.Equal(1, calls);
    }

    [Fact]
    public void PersistentIoErrorFailsAfterRetries()
    {
        int calls = 0;
        Assert.Throws<IOException>(() => ModelFileRetry.Execute("/models/c", () =>
        {
            calls++;
            throw new IOException("device busy");
        }));

        Assert.Equal(ModelFileRetry.MaxRetries + 1, calls);
        Assert.False(ModelFileRetry.IsTransient(new FileNotFoundException("gone")));
        Assert.True(ModelFileRetry.IsTransient(new ModelFileException("/m", "Saving the model failed.", new IOException("disk"))));
    }
}
