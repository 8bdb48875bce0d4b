using Confluent.Kafka;
using GanWatch.Streaming.Offsets;

namespace GanWatch.Streaming.Tests.Offsets;

public sealed class OffsetTrackerTests
{
    private static readonly TopicPartition P0 = new("points", 0);
    private static readonly TopicPartition P1 = new("points", 1);

    [Fact]
    public void OutOfOrderCompletionStopsAtLowestIncomplete()
    {
        var tracker = new OffsetTracker();
        for (long offset = 10; offset < 15; offset++)
        {
            tracker.Track(P0, offset);
        }

        tracker.Complete(P0, 12);
        tracker.Complete(P0, 13);
        Assert.True(tracker.TryGetCommitOffset(P0, out long afterMiddle));
        Assert.Equal(10, afterMiddle);

        tracker.Complete(P0, 10);
        tracker.TryGetCommitOffset(P0, out long afterFirst);
        Assert.Equal(11, afterFirst);

        tracker.Complete(P0, 11);
        tracker.Complete(P0, 14);
        tracker.TryGetCommitOffset(P0, out long afterAll);
        Assert.Equal(15, afterAll);
        Assert.Equal(0, tracker.InFlightCount);
    }

    [Fact]
    public void PartitionsAreIndependent()
    {
        var tracker = new OffsetTracker();
        tracker.Track(P0, 0);
        tracker.Track(P1, 100);
        tracker.Complete(P1, 100);

        Assert.Equal(1, tracker.InFlightCountOf(P0));
        Assert.Equal(0, tracker.InFlightCountOf(P1));
        tracker.TryGetCommitOffset(P1, out long p1);
        Assert.Equal(101, p1);
        Assert.False(tracker.TryGetCommitOffset(new TopicPartition("points", 7), out _));
    }

    [Fact]
    public void RemovedPartitionIgnoresCompletions()
    {
        var tracker = new OffsetTracker();
        tracker.Track(P0, 5);
        tracker.Remove(P0);

        Assert.False(tracker.Complete(P0, 5));
        Assert.Equal(0, tracker.InFlightCount);
    }

    [Fact]
    public void TrackingBackwardsThrows()
    {
        var tracker = new OffsetTracker();
        tracker.Track(P0, 5);

        Assert.Throws<ArgumentException>(() => tracker.Track(P0, 5));
    }
}
