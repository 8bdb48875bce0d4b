using GanWatch.Streaming.Alerts;
using GanWatch.Tests.Support;

namespace GanWatch.Tests.Hosting;

/// <summary><c>ganwatch run</c> as a separate process against an embedded Kafka cluster in the test process.</summary>
public sealed class DaemonEndToEndTests(TrainedModelFixture model)
{
    private static readonly TimeSpan ProcessingTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task RunAlertsAndDeadLetters()
    {
        CancellationToken cancellationToken = TestContext.Current.CancellationToken;
        using var bed = new DaemonTestBed(model);
        List<StreamRecord> records = TestStream.Sine(4, DaemonTestBed.InputPartitions, 0, 600, TestStream.PeriodicSpikes());
        TestStream.InsertBadRecords(records, DaemonTestBed.InputPartitions, afterRow: 100);
        long[] offsets = await bed.ProduceAsync(records, recordsPerSecond: 0, cancellationToken);

        GanWatchProcess daemon = bed.StartDaemon("daemon");
        await bed.Offsets.WaitForEndAsync(ProcessingTimeout, bed.Daemons, cancellationToken);

        var expected = new ExpectedOutcomes(bed.Settings.InputTopic, records, offsets);
        List<Alert> alerts = bed.ReadAlerts();
        Assert.Equal(4 * 4, expected.SpikeAlertIds.Count);
        int repeatedAlerts = OutcomeAssert.Alerts(expected, alerts, bed.Settings.InputTopic);
        int repeatedDeadLetters = OutcomeAssert.DeadLetters(expected, bed.ReadDeadLetters());
        Assert.Equal(0, repeatedAlerts);
        Assert.Equal(0, repeatedDeadLetters);
        Assert.False(daemon.HasExited, "the daemon must keep running after the stream ends");
    }

    [Fact]
    public async Task AlertCarriesSeriesModelAndWindow()
    {
        CancellationToken cancellationToken = TestContext.Current.CancellationToken;
        using var bed = new DaemonTestBed(model);
        List<StreamRecord> records = TestStream.Sine(1, DaemonTestBed.InputPartitions, 0, 120, (_, row) => row == 100);
        long[] offsets = await bed.ProduceAsync(records, recordsPerSecond: 0, cancellationToken);

        bed.StartDaemon("daemon");
        await bed.Offsets.WaitForEndAsync(ProcessingTimeout, bed.Daemons, cancellationToken);

        // The spike stays in the next 15 windows, so the episode may alert again once the 10-minute quiet period has
        // passed since its first alert. The first alert is the spike's own.
        List<Alert> alerts = bed.ReadAlerts();
        Assert.NotEmpty(alerts);
        Alert alert = alerts[0];
        int spike = records.FindIndex(r => r.IsSpike);
        Assert.Equal(AlertId.Compute(bed.Settings.InputTopic, 0, offsets[spike]), alert.AlertId);
        Assert.Equal(TestStream.SeriesId(0), alert.Series);
        Assert.Equal(model.ModelVersion, alert.ModelVersion);
        Assert.Equal(TestStream.Start.AddMinutes(100), alert.Timestamp);
        Assert.Equal(TestStream.Start.AddMinutes(100), alert.WindowEnd);
        Assert.Equal(TestStream.Start.AddMinutes(100 - SineSignal.WindowLength + 1), alert.WindowStart);
        Assert.True(alert.Score > alert.Threshold, $"score {alert.Score} must exceed threshold {alert.Threshold}");
        Assert.Equal(new AlertSource(bed.Settings.InputTopic, 0, offsets[spike]), alert.Source);
        Assert.Equal(TestStream.Start.AddMinutes(100), alert.Episode.StartedAt);
        Assert.Equal(1, alert.Episode.Windows);
        foreach (Alert later in alerts.Skip(1))
        {
            Assert.InRange(later.Source.Offset, offsets[spike] + 10, offsets[spike] + SineSignal.WindowLength - 1);
            Assert.Equal(alert.Episode.StartedAt, later.Episode.StartedAt);
        }
    }
}
