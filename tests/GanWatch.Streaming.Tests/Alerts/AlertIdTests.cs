using System.Security.Cryptography;
using System.Text;
using GanWatch.Streaming.Alerts;

namespace GanWatch.Streaming.Tests.Alerts;

public sealed class AlertIdTests
{
    [Fact]
    public void IdIsTruncatedSha256OfPosition()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes("points/3/12345"));
        string expected = string.Concat(hash.GetHashAndReset().Take(16).Select(b => b.ToString("x2")));

        string id = AlertId.Compute("points", 3, 12345);

        Assert.Equal(expected, id);
        Assert.Equal(32, id.Length);
        Assert.NotEqual(id, AlertId.Compute("points", 3, 12346));
    }

    [Fact]
    public void TopChannelsAreLargestSharesFirst()
    {
        IReadOnlyList<ChannelShare> top = ChannelShare.Top([1f, 6f, 0f, 3f], max: 2);

        Assert.Equal([new ChannelShare(1, 0.6), new ChannelShare(3, 0.3)], top);
    }
}
