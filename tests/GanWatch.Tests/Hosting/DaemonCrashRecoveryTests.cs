using GanWatch.Streaming.Alerts;
using GanWatch.Tests.Support;

namespace GanWatch.Tests.Hosting;

/// <summary>A daemon killed with SIGKILL and a new process taking over its consumer group.</summary>
public sealed class DaemonCrashRecoveryTests(TrainedModelFixture model)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task SigkillMidStreamLosesNoOutcome()
    {
        CancellationToken cancellationToken = TestContext.Current.CancellationToken;
        // Commits every 2 s, so the kill leaves scored but uncommitted records that the next process scores again.
        using var bed = new DaemonTestBed(model, s => s with { AutoCommitInterval = TimeSpan.FromSeconds(2) });
        List<StreamRecord> records = TestStream.Sine(4, DaemonTestBed.InputPartitions, 0, 1500, TestStream.PeriodicSpikes());
        TestStream.InsertBadRecords(records, DaemonTestBed.InputPartitions, afterRow: 700);

        GanWatchProcess first = bed.StartDaemon("daemon-1");
        await first.WaitForOutputAsync("Partitions assigned:", Timeout, cancellationToken);

        // About six seconds of input, so the kill lands while records are still arriving, between two commits.
        Task<long[]> producing = bed.ProduceAsync(records, recordsPerSecond: 1000, cancellationToken);
        await bed.Offsets.WaitForCommittedAsync(c => c.Where(o => o > 0).Sum() >= 1000, "1000 committed records", Timeout, bed.Daemons, cancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(1.5), cancellationToken);
        first.Kill();
        long[] committedAtKill = bed.Offsets.Committed();
        bool producingAtKill = !producing.IsCompleted;

        GanWatchProcess second = bed.StartDaemon("daemon-2");
        long[] offsets = await producing;
        await bed.Offsets.WaitForEndAsync(Timeout, bed.Daemons, cancellationToken);

        Assert.True(producingAtKill, "the producer finished before the kill, so the kill did not land mid-stream");
        Assert.True(committedAtKill.Sum() < records.Count, $"committed offsets at the kill [{string.Join(", ", committedAtKill)}] already cover all {records.Count} records");
        Assert.Contains("Rewinding", second.StandardOutput, StringComparison.Ordinal);

        var expected = new ExpectedOutcomes(bed.Settings.InputTopic, records, offsets);
        List<Alert> alerts = bed.ReadAlerts();
        int repeatedAlerts = OutcomeAssert.Alerts(expected, alerts, bed.Settings.InputTopic);
        int repeatedDeadLetters = OutcomeAssert.DeadLetters(expected, bed.ReadDeadLetters());
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"Killed at committed offsets [{string.Join(", ", committedAtKill)}] of [{string.Join(", ", bed.Offsets.End())}]; " +
            $"{alerts.Count} alert(s), {repeatedAlerts} repeated; {repeatedDeadLetters} repeated dead letter(s).");
    }

    [Fact]
    public async Task RestartScoresFirstRecordAfterCommit()
    {
        CancellationToken cancellationToken = TestContext.Current.CancellationToken;
        using var bed = new DaemonTestBed(model);
        const int restartRow = 300;
        List<StreamRecord> before = TestStream.Sine(4, DaemonTestBed.InputPartitions, 0, restartRow, (_, _) => false);
        long[] beforeOffsets = await bed.ProduceAsync(before, recordsPerSecond: 0, cancellationToken);

        GanWatchProcess first = bed.StartDaemon("daemon-1");
        await bed.Offsets.WaitForEndAsync(Timeout, bed.Daemons, cancellationToken);
        first.Kill();

        // The first record after every committed offset is a spike. A restart that started a fresh window at the
        // committed offset would take that record as warm-up and never score it. Rebuilding the window from earlier
        // records lets it score.
        List<StreamRecord> after = TestStream.Sine(4, DaemonTestBed.InputPartitions, restartRow, restartRow + 50, (_, row) => row == restartRow);
        long[] afterOffsets = await bed.ProduceAsync(after, recordsPerSecond: 0, cancellationToken);
        bed.StartDaemon("daemon-2");
        await bed.Offsets.WaitForEndAsync(Timeout, bed.Daemons, cancellationToken);

        var expected = new ExpectedOutcomes(bed.Settings.InputTopic, [.. before, .. after], [.. beforeOffsets, .. afterOffsets]);
        Assert.Equal(4, expected.SpikeAlertIds.Count);
        int repeated = OutcomeAssert.Alerts(expected, bed.ReadAlerts(), bed.Settings.InputTopic);
        Assert.Equal(0, repeated);
    }
}
