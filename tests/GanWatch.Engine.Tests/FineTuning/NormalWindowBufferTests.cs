using GanWatch.Engine.FineTuning;

namespace GanWatch.Engine.Tests.FineTuning;

public class NormalWindowBufferTests
{
    private const int Length = 4;
    private const double Threshold = 1.0;
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Admission_MarksWindowsAboveRatio()
    {
        var buffer = new NormalWindowBuffer(1, Length, capacity: 100, admissionRatio: 0.8, seed: 1, shiftAdmissionWindows: 0);

        for (int i = 0; i < 40; i++)
        {
            Observe(buffer, i, score: i % 2 == 0 ? 0.79 : 0.81);
        }

        Flush(buffer, from: 40);
        var snapshot = buffer.Snapshot();

        Assert.Equal(Enumerable.Range(0, 40), Ids(snapshot));
        Assert.Equal(Enumerable.Range(0, 40).Select(i => i % 2 == 1), snapshot.CalibrationOnly!);
        Assert.Equal(40, buffer.Seen);
    }

    [Fact]
    public void Admission_ExcludesWindowsAroundAlert()
    {
        var buffer = new NormalWindowBuffer(1, Length, capacity: 100, admissionRatio: 0.8, seed: 1, shiftAdmissionWindows: 0);

        for (int i = 0; i < 40; i++)
        {
            Observe(buffer, i, score: i == 20 ? 2.0 : 0.1, anomalous: i == 20);
        }

        Flush(buffer, from: 40);

        // Window length 4: windows 16-19 were still pending at the alert and windows 21-24 follow it.
        var expected = Enumerable.Range(0, 16).Concat(Enumerable.Range(25, 15));
        Assert.Equal(expected, AdmittedIds(buffer));
    }

    [Fact]
    public void Admission_WaitsForWindowLengthCleanWindows()
    {
        var buffer = new NormalWindowBuffer(1, Length, capacity: 100, admissionRatio: 0.8, seed: 1, shiftAdmissionWindows: 0);

        Observe(buffer, 0, score: 0.1);
        for (int i = 1; i < Length; i++)
        {
            Observe(buffer, i, score: 0.9);
        }

        Assert.Equal(0, buffer.Seen);

        Observe(buffer, Length, score: 0.9);

        Assert.Equal(1, buffer.Seen);
        Assert.Equal(new[] { 0 }, AdmittedIds(buffer));
    }

    [Fact]
    public void Admission_KeepsSeriesApart()
    {
        var buffer = new NormalWindowBuffer(1, Length, capacity: 100, admissionRatio: 0.8, seed: 1, shiftAdmissionWindows: 0);

        for (int i = 0; i < 20; i++)
        {
            Observe(buffer, i, score: 0.1, series: "a");
            Observe(buffer, 100 + i, score: i == 10 ? 5.0 : 0.1, anomalous: i == 10, series: "b");
        }

        Flush(buffer, from: 20, series: "a");
        Flush(buffer, from: 120, series: "b");

        var expected = Enumerable.Range(0, 20).Concat(Enumerable.Range(100, 6)).Concat(Enumerable.Range(115, 5));
        Assert.Equal(expected, AdmittedIds(buffer).Order());
    }

    [Fact]
    public void ShiftAdmission_AdmitsSustainedAnomalies()
    {
        var buffer = new NormalWindowBuffer(1, Length, capacity: 100, admissionRatio: 0.8, seed: 1, shiftAdmissionWindows: 10);

        for (int i = 0; i < 5; i++)
        {
            Observe(buffer, i, score: 0.1);
        }

        for (int i = 5; i < 35; i++)
        {
            Observe(buffer, i, score: 3.0, anomalous: true);
        }

        // One clean window does not end the new level: at least 10 of the last 20 windows stay anomalous up to window 45.
        Observe(buffer, 35, score: 0.9);
        Observe(buffer, 36, score: 3.0, anomalous: true);
        Flush(buffer, from: 37);

        // Window 0 had 4 clean successors, and 1-4 were still pending at the first alert. Window 14 is the 10th anomalous
        // one among the last 20, so from there every window is admitted, the clean window 35 and the flushed 37-40 too.
        var expected = new[] { 0 }.Concat(Enumerable.Range(14, 27));
        Assert.Equal(expected, AdmittedIds(buffer));
    }

    [Fact]
    public void ShiftAdmission_IgnoresIntermittentAnomalies()
    {
        var buffer = new NormalWindowBuffer(1, Length, capacity: 1000, admissionRatio: 0.8, seed: 1, shiftAdmissionWindows: 10);

        // 2 of every 5 windows are anomalous: 8 of any 20, fewer than 10, and never 4 clean windows in a row.
        for (int i = 0; i < 300; i++)
        {
            bool anomalous = i % 5 < 2;
            Observe(buffer, i, score: anomalous ? 3.0 : 0.1, anomalous: anomalous);
        }

        Assert.Equal(0, buffer.Seen);
        Assert.Equal(0, buffer.Count);
    }

    [Fact]
    public void ShiftAdmission_AdmitsShiftThatDipsBelowThreshold()
    {
        var buffer = new NormalWindowBuffer(1, Length, capacity: 1000, admissionRatio: 0.8, seed: 1, shiftAdmissionWindows: 10);

        // A shifted level that still scores under the threshold in 3 of every 12 windows.
        for (int i = 0; i < 300; i++)
        {
            bool anomalous = i % 12 < 9;
            Observe(buffer, i, score: anomalous ? 3.0 : 0.9, anomalous: anomalous);
        }

        int[] admitted = AdmittedIds(buffer);
        Assert.True(admitted.Length > 250, $"Only {admitted.Length} of 300 shifted windows were admitted.");
        Assert.DoesNotContain(admitted, id => id < 9);
    }

    [Fact]
    public void ShiftAdmission_ZeroDisablesIt()
    {
        var buffer = new NormalWindowBuffer(1, Length, capacity: 100, admissionRatio: 0.8, seed: 1, shiftAdmissionWindows: 0);

        for (int i = 0; i < 500; i++)
        {
            Observe(buffer, i, score: 3.0, anomalous: true);
        }

        Assert.Equal(0, buffer.Seen);
    }

    [Fact]
    public void Reservoir_KeepsCapacityAcrossStream()
    {
        var buffer = new NormalWindowBuffer(1, Length, capacity: 100, admissionRatio: 0.8, seed: 7, shiftAdmissionWindows: 0);

        for (int i = 0; i < 5000; i++)
        {
            Observe(buffer, i, score: 0.1);
        }

        var ids = AdmittedIds(buffer);
        Assert.Equal(100, buffer.Count);
        Assert.Equal(5000 - Length, buffer.Seen);
        Assert.Equal(100, ids.Distinct().Count());
        for (int block = 0; block < 5; block++)
        {
            int inBlock = ids.Count(id => id / 1000 == block);
            Assert.True(inBlock >= 5, $"Only {inBlock} of 100 kept windows come from windows {block * 1000}-{(block * 1000) + 999}; expected a uniform sample.");
        }

        Assert.InRange(ids.Average(), 2000, 3000);
    }

    [Fact]
    public void Reservoir_SameSeedSameSample()
    {
        var first = new NormalWindowBuffer(1, Length, capacity: 50, admissionRatio: 0.8, seed: 3, shiftAdmissionWindows: 0);
        var second = new NormalWindowBuffer(1, Length, capacity: 50, admissionRatio: 0.8, seed: 3, shiftAdmissionWindows: 0);

        for (int i = 0; i < 2000; i++)
        {
            Observe(first, i, score: 0.1);
            Observe(second, i, score: 0.1);
        }

        Assert.Equal(AdmittedIds(first), AdmittedIds(second));
    }

    [Fact]
    public void Snapshot_SpansWindowEnds()
    {
        var buffer = new NormalWindowBuffer(1, Length, capacity: 10, admissionRatio: 0.8, seed: 2, shiftAdmissionWindows: 0);

        for (int i = 0; i < 1000; i++)
        {
            Observe(buffer, i, score: 0.1);
        }

        var snapshot = buffer.Snapshot();
        var ids = Ids(snapshot);

        Assert.Equal(10, snapshot.Windows.Count);
        Assert.Equal(ids.Order(), ids);
        Assert.Equal(Start.AddSeconds(ids[0]), snapshot.From);
        Assert.Equal(Start.AddSeconds(ids[^1]), snapshot.To);
    }

    [Fact]
    public void Snapshot_EmptyBufferHasNoSpan()
    {
        var buffer = new NormalWindowBuffer(2, Length, capacity: 10, admissionRatio: 0.8, seed: 2, shiftAdmissionWindows: 0);

        var snapshot = buffer.Snapshot();

        Assert.Equal(0, snapshot.Windows.Count);
        Assert.Equal(2, snapshot.Windows.Channels);
        Assert.Equal(DateTimeOffset.MinValue, snapshot.From);
    }

    [Fact]
    public void Clear_EmptiesButKeepsSeen()
    {
        var buffer = new NormalWindowBuffer(1, Length, capacity: 10, admissionRatio: 0.8, seed: 2, shiftAdmissionWindows: 0);
        for (int i = 0; i < 100; i++)
        {
            Observe(buffer, i, score: 0.1);
        }

        buffer.Clear();

        Assert.Equal(0, buffer.Count);
        Assert.Equal(100 - Length, buffer.Seen);

        for (int i = 100; i < 100 + Length + 3; i++)
        {
            Observe(buffer, i, score: 0.1);
        }

        Assert.Equal(new[] { 100, 101, 102 }, AdmittedIds(buffer));
    }

    [Fact]
    public async Task ObserveAndSnapshot_RunConcurrently()
    {
        var buffer = new NormalWindowBuffer(1, Length, capacity: 64, admissionRatio: 0.8, seed: 5, shiftAdmissionWindows: 0);
        const int total = 20_000;
        using var halfway = new ManualResetEventSlim();
        using var snapshotAtHalfway = new ManualResetEventSlim();
        var writer = Task.Run(
            () =>
            {
                for (int i = 0; i < total; i++)
                {
                    if (i == total / 2)
                    {
                        // Wait for one snapshot taken mid-stream, so the test does not depend on thread scheduling.
                        halfway.Set();
                        snapshotAtHalfway.Wait(TestContext.Current.CancellationToken);
                    }

                    Observe(buffer, i, score: i % 50 == 0 ? 2.0 : 0.1, anomalous: i % 50 == 0, series: $"s{i % 3}");
                }
            },
            TestContext.Current.CancellationToken);

        int snapshots = 0;
        while (!writer.IsCompleted || snapshots == 0)
        {
            bool writerWaiting = halfway.IsSet;
            var snapshot = buffer.Snapshot();
            Assert.InRange(snapshot.Windows.Count, 0, 64);
            for (int w = 0; w < snapshot.Windows.Count; w++)
            {
                // Every value of a window is its id, so a torn copy would show mixed values.
                var values = snapshot.Windows.Values.AsSpan(w * Length, Length).ToArray();
                Assert.All(values, v => Assert.Equal(values[0], v));
            }

            snapshots++;
            if (writerWaiting)
            {
                snapshotAtHalfway.Set();
            }
        }

        await writer;
        Assert.Equal(64, buffer.Count);
        Assert.True(snapshotAtHalfway.IsSet, "No snapshot ran while the writer was halfway through the stream.");
    }

    [Fact]
    public void Observe_RejectsWrongWindowSize()
    {
        var buffer = new NormalWindowBuffer(2, Length, capacity: 10, admissionRatio: 0.8, seed: 2, shiftAdmissionWindows: 0);

        var error = Assert.Throws<ArgumentException>(() => buffer.Observe("s", new float[Length], 0.1, Threshold, false, Start));

        Assert.Contains("2 channels x 4 steps", error.Message);
    }

    [Fact]
    public void Constructor_TakesOptions()
    {
        var options = new FineTuneOptions { BufferCapacity = 300, MinWindows = 16, ShiftAdmissionWindows = 2 };
        var buffer = new NormalWindowBuffer(1, Length, options);

        for (int i = 0; i < 3; i++)
        {
            Observe(buffer, i, score: 5.0, anomalous: true);
        }

        Assert.Equal(2, buffer.Seen);
        Assert.Throws<ArgumentException>(() => new NormalWindowBuffer(1, Length, new FineTuneOptions { AdmissionRatio = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new NormalWindowBuffer(1, Length, 10, 1.5, 1, 0));
    }

    private static void Observe(NormalWindowBuffer buffer, int id, double score, bool anomalous = false, string series = "s")
    {
        var window = Enumerable.Repeat((float)id, Length).ToArray();
        buffer.Observe(series, window, score, Threshold, anomalous, Start.AddSeconds(id));
    }

    /// <summary>Observes window-length normal windows, so that the pending windows before them are decided.</summary>
    private static void Flush(NormalWindowBuffer buffer, int from, string series = "s")
    {
        for (int i = 0; i < Length; i++)
        {
            Observe(buffer, from + i, score: 0.9, series: series);
        }
    }

    private static int[] AdmittedIds(NormalWindowBuffer buffer) => Ids(buffer.Snapshot());

    private static int[] Ids(BufferSnapshot snapshot) =>
        Enumerable.Range(0, snapshot.Windows.Count).Select(i => (int)snapshot.Windows[i, 0, 0]).ToArray();
}
