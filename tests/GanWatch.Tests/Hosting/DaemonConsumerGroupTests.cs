using GanWatch.Tests.Support;

namespace GanWatch.Tests.Hosting;

/// <summary>Two <c>ganwatch run</c> processes in one consumer group.</summary>
public sealed class DaemonConsumerGroupTests(TrainedModelFixture model)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task TwoDaemonsSplitPartitionsAndCoverStream()
    {
        CancellationToken cancellationToken = TestContext.Current.CancellationToken;
        using var bed = new DaemonTestBed(model);
        GanWatchProcess first = bed.StartDaemon("daemon-1");
        GanWatchProcess second = bed.StartDaemon("daemon-2");
        await DaemonTestBed.WaitForSplitAsync([first, second], Timeout, cancellationToken);

        List<StreamRecord> records = TestStream.Sine(4, DaemonTestBed.InputPartitions, 0, 1500, TestStream.PeriodicSpikes());
        TestStream.InsertBadRecords(records, DaemonTestBed.InputPartitions, afterRow: 400);
        long[] offsets = await bed.ProduceAsync(records, recordsPerSecond: 3000, cancellationToken);
        await bed.Offsets.WaitForEndAsync(Timeout, bed.Daemons, cancellationToken);

        first.Terminate();
        second.Terminate();
        Assert.Equal(0, await first.WaitForExitAsync(Timeout, cancellationToken));
        Assert.Equal(0, await second.WaitForExitAsync(Timeout, cancellationToken));

        long consumedByFirst = DaemonLog.RecordsConsumed(first.StandardOutput) ?? 0;
        long consumedBySecond = DaemonLog.RecordsConsumed(second.StandardOutput) ?? 0;
        Assert.True(consumedByFirst > 0, $"daemon-1 consumed no records.{Environment.NewLine}{first.Describe()}");
        Assert.True(consumedBySecond > 0, $"daemon-2 consumed no records.{Environment.NewLine}{second.Describe()}");
        Assert.True(consumedByFirst + consumedBySecond >= records.Count, $"the daemons consumed {consumedByFirst} + {consumedBySecond} of {records.Count} records");

        var expected = new ExpectedOutcomes(bed.Settings.InputTopic, records, offsets);
        int repeatedAlerts = OutcomeAssert.Alerts(expected, bed.ReadAlerts(), bed.Settings.InputTopic);
        int repeatedDeadLetters = OutcomeAssert.DeadLetters(expected, bed.ReadDeadLetters());
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"daemon-1 consumed {consumedByFirst}, daemon-2 {consumedBySecond}; {repeatedAlerts} repeated alert(s), {repeatedDeadLetters} repeated dead letter(s).");
    }
}
