using System.Collections.Concurrent;
using GanWatch.Streaming.Scoring;
using GanWatch.Streaming.Tests.Support;

namespace GanWatch.Streaming.Tests.Processing;

public sealed class StreamProcessorScoredWindowSinkTests
{
    private const int WindowLength = 8;
    private const int Points = 120;

    private static readonly Dictionary<string, int[]> Spikes = new()
    {
        ["sink-a"] = [30, 90],
        ["sink-b"] = [],
        ["sink-c"] = [50],
    };

    [Fact]
    public async Task SinkReceivesEveryScoredWindow()
    {
        using var kafka = new KafkaTestCluster();
        var model = new ZScoreTestModel(WindowLength);
        var sink = new RecordingSink();
        await kafka.ProduceAsync(TestSeries.Build(Spikes, 0, Points).Select(p => p.Message));

        var run = new ProcessorRun(kafka.CreateOptions("sink-group"), new PatternModelRouter(model), processor => processor.ScoredWindowSink = sink);
        await run.WaitForRecordsAsync(Spikes.Count * Points);
        await run.StopAsync();

        Assert.Equal(run.Processor.Counters.WindowsScored, sink.Windows.Count);
        Assert.Equal(0, run.Processor.Counters.ScoredWindowSinkFailures);
        foreach ((string series, int[] spikes) in Spikes)
        {
            List<ScoredWindow> windows = sink.Windows.Where(w => w.SeriesId == series).OrderBy(w => w.WindowEnd).ToList();
            int[] expectedEnds = Enumerable.Range(WindowLength - 1, Points - WindowLength + 1).ToArray();
            Assert.Equal(expectedEnds.Select(TestSeries.TimeOf), windows.Select(w => w.WindowEnd));
            foreach (ScoredWindow window in windows)
            {
                int end = expectedEnds[windows.IndexOf(window)];
                float[] expectedValues = Enumerable.Range(end - WindowLength + 1, WindowLength)
                    .Select(i => (float)TestSeries.ValueOf(series, i, spikes.ToHashSet()))
                    .ToArray();
                Assert.Equal(expectedValues, window.Values);
                Assert.Same(model, window.Model);
                Assert.Equal(6.0, window.Threshold);
                Assert.Equal(window.Score > window.Threshold, window.Anomalous);
                Assert.Equal(spikes.Contains(end), window.Anomalous);
            }
        }
    }

    [Fact]
    public async Task FailingSinkDoesNotStopScoring()
    {
        using var kafka = new KafkaTestCluster(inputPartitions: 1);
        var model = new ZScoreTestModel(WindowLength);
        var points = TestSeries.Build(Spikes, 0, Points);
        await kafka.ProduceAsync(points.Select(p => p.Message));

        var run = new ProcessorRun(kafka.CreateOptions("failing-sink-group"), new PatternModelRouter(model),
            processor => processor.ScoredWindowSink = new FailingSink());
        await run.WaitForRecordsAsync(points.Count);
        await run.StopAsync();

        long windows = points.Count - Spikes.Count * (WindowLength - 1);
        Assert.Equal(windows, run.Processor.Counters.WindowsScored);
        Assert.Equal(windows, run.Processor.Counters.ScoredWindowSinkFailures);
        Assert.Equal(Spikes.Values.Sum(spikes => spikes.Length), run.Processor.Counters.Alerts);
        Assert.Equal(kafka.EndOffsets(), kafka.Committed("failing-sink-group"));
    }

    private sealed record ScoredWindow(IWindowModel Model, string SeriesId, float[] Values, double Score, double Threshold, bool Anomalous, DateTimeOffset WindowEnd);

    private sealed class RecordingSink : IScoredWindowSink
    {
        private readonly ConcurrentQueue<ScoredWindow> _windows = new();

        public List<ScoredWindow> Windows => [.. _windows];

        public void OnWindowScored(IWindowModel model, string seriesId, ReadOnlySpan<float> window, double score, double threshold, bool anomalous,
            DateTimeOffset windowEnd) =>
            _windows.Enqueue(new ScoredWindow(model, seriesId, window.ToArray(), score, threshold, anomalous, windowEnd));
    }

    private sealed class FailingSink : IScoredWindowSink
    {
        public void OnWindowScored(IWindowModel model, string seriesId, ReadOnlySpan<float> window, double score, double threshold, bool anomalous,
            DateTimeOffset windowEnd) =>
            throw new InvalidOperationException($"test sink rejects the window of {seriesId}");
    }
}
