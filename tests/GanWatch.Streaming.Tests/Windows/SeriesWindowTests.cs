using GanWatch.Streaming.Windows;

namespace GanWatch.Streaming.Tests.Windows;

public sealed class SeriesWindowTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void WarmsUpThenCompletes()
    {
        var window = new SeriesWindow(length: 3, channels: 1);

        Assert.Equal(AppendOutcome.WarmUp, window.Append(T0, [1], false, false));
        Assert.Equal(AppendOutcome.WarmUp, window.Append(T0.AddSeconds(1), [2], false, false));
        Assert.Equal(AppendOutcome.Complete, window.Append(T0.AddSeconds(2), [3], false, false));
        Assert.Equal(AppendOutcome.Complete, window.Append(T0.AddSeconds(3), [4], false, false));
        Assert.Equal(T0.AddSeconds(1), window.FirstTimestamp);
        Assert.Equal(T0.AddSeconds(3), window.LastTimestamp);
    }

    [Fact]
    public void CopyLaysOutChannelsOldestFirst()
    {
        var window = new SeriesWindow(length: 3, channels: 2);
        for (int i = 0; i < 5; i++)
        {
            window.Append(T0.AddSeconds(i), [i, 10 * i], false, false);
        }

        var values = new float[6];
        window.CopyTo(values);

        Assert.Equal([2f, 3f, 4f, 20f, 30f, 40f], values);
    }

    [Fact]
    public void OrderingPoliciesRejectOrAccept()
    {
        var window = new SeriesWindow(length: 4, channels: 1);
        window.Append(T0.AddSeconds(10), [1], false, false);

        Assert.Equal(AppendOutcome.RejectedOutOfOrder, window.Append(T0.AddSeconds(5), [2], false, false));
        Assert.Equal(AppendOutcome.RejectedDuplicate, window.Append(T0.AddSeconds(10), [2], false, false));
        Assert.Equal(1, window.Count);
        Assert.Equal(AppendOutcome.WarmUp, window.Append(T0.AddSeconds(5), [2], acceptOutOfOrder: true, acceptDuplicate: false));
        Assert.Equal(AppendOutcome.WarmUp, window.Append(T0.AddSeconds(5), [3], acceptOutOfOrder: false, acceptDuplicate: true));
        Assert.Equal(3, window.Count);
    }

    [Fact]
    public void WrongChannelCountOrEarlyCopyThrows()
    {
        var window = new SeriesWindow(length: 2, channels: 2);

        Assert.Throws<ArgumentException>(() => window.Append(T0, [1], false, false));
        Assert.Throws<InvalidOperationException>(() => window.CopyTo(new float[4]));
    }
}
