using System.Globalization;
using GanWatch.Evaluation.Runs;
using GanWatch.Evaluation.Smd;
using ScottPlot;

namespace GanWatch.Evaluation.Reports;

/// <summary>
/// A two-panel PNG of one scored series: the values on top, the anomaly score with its threshold below, the labelled
/// anomalies as shaded spans on both panels, and the detections (rows whose score is at least the threshold) as markers.
/// The x axis is the 0-based row of the series.
/// </summary>
public sealed class SeriesPlot
{
    /// <summary>Creates a plot description and checks that every array has one value per row.</summary>
    /// <param name="title">The title above the top panel.</param>
    /// <param name="channels">The value channels to draw on the top panel, each with a legend name.</param>
    /// <param name="scores">The anomaly score of each row.</param>
    /// <param name="threshold">The detection threshold on the score scale.</param>
    /// <param name="labelledSpans">The labelled anomalies as rows, start inclusive and end exclusive.</param>
    /// <exception cref="ArgumentException">A channel's length differs from the number of scores, or a span lies outside the rows.</exception>
    public SeriesPlot(
        string title,
        IReadOnlyList<(string Name, double[] Values)> channels,
        double[] scores,
        double threshold,
        IReadOnlyList<(int StartRow, int EndRow)> labelledSpans)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(channels);
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(labelledSpans);
        foreach (var (name, values) in channels)
        {
            if (values.Length != scores.Length)
            {
                throw new ArgumentException($"Channel '{name}' has {values.Length} values but there are {scores.Length} scores; pass one value per row.", nameof(channels));
            }
        }

        foreach (var (start, end) in labelledSpans)
        {
            if (start < 0 || end <= start || end > scores.Length)
            {
                throw new ArgumentException($"Labelled span {start}-{end} is empty or outside the {scores.Length} rows; pass rows with an exclusive end.", nameof(labelledSpans));
            }
        }

        Title = title;
        Channels = channels;
        Scores = scores;
        Threshold = threshold;
        LabelledSpans = labelledSpans;
    }

    /// <summary>The title above the top panel.</summary>
    public string Title { get; }

    /// <summary>The value channels of the top panel.</summary>
    public IReadOnlyList<(string Name, double[] Values)> Channels { get; }

    /// <summary>The anomaly score of each row.</summary>
    public double[] Scores { get; }

    /// <summary>The detection threshold.</summary>
    public double Threshold { get; }

    /// <summary>The labelled anomalies, start row inclusive and end row exclusive.</summary>
    public IReadOnlyList<(int StartRow, int EndRow)> LabelledSpans { get; }

    /// <summary>Returns the rows whose score is at least <see cref="Threshold"/>, in ascending order.</summary>
    public int[] GetDetectionRows() => Enumerable.Range(0, Scores.Length).Where(row => Scores[row] >= Threshold).ToArray();

    /// <summary>Describes a NAB series: its value, its NAB anomaly score and the threshold, and its scoring windows.</summary>
    /// <param name="series">The series result.</param>
    /// <param name="threshold">The detection level on NAB's anomaly-score scale, usually the run's own threshold.</param>
    public static SeriesPlot ForNab(NabSeriesResult series, double threshold)
    {
        ArgumentNullException.ThrowIfNull(series);
        var spans = series.Series.Windows.Select(window => (window.StartRow, window.EndRow + 1)).ToList();
        return new SeriesPlot(series.Series.RelativePath, [("value", series.Series.GetValues())], series.AnomalyScores, threshold, spans);
    }

    /// <summary>
    /// Describes an SMD machine: the test values of the <paramref name="channelCount"/> channels with the largest residual
    /// share (all channels when the result has no shares, up to <paramref name="channelCount"/>), the window score
    /// and the threshold, and the labelled segments.
    /// </summary>
    /// <exception cref="ArgumentException">The result has no per-row scores, or they do not match the test rows.</exception>
    public static SeriesPlot ForSmd(SmdMachine machine, SmdMachineResult result, int channelCount = 3)
    {
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentOutOfRangeException.ThrowIfLessThan(channelCount, 1);
        if (result.Scores.Length != machine.Test.RowCount)
        {
            throw new ArgumentException(
                $"The result of machine '{result.Machine}' has {result.Scores.Length} row scores but the test file has {machine.Test.RowCount} rows; pass the result of SmdGanRun.RunMachine on this machine.",
                nameof(result));
        }

        var shares = result.ChannelResidualShares;
        var chosen = Enumerable.Range(0, machine.Test.ChannelCount)
            .OrderByDescending(channel => channel < shares.Length ? shares[channel] : 0.0)
            .ThenBy(channel => channel)
            .Take(channelCount)
            .ToList();
        var channels = chosen
            .Select(channel => (ChannelLabel(channel, shares), Array.ConvertAll(machine.Test.GetChannel(channel), value => (double)value)))
            .ToList();
        var spans = machine.Segments.Select(segment => (segment.StartRow, segment.EndRow)).ToList();
        return new SeriesPlot(result.Machine, channels, result.Scores, result.Threshold, spans);
    }

    /// <summary>Renders the plot and writes it as a PNG file, creating its folder.</summary>
    /// <param name="path">The file to write; an existing file is replaced.</param>
    /// <param name="width">Width in pixels; default 1600.</param>
    /// <param name="height">Height in pixels; default 600.</param>
    /// <exception cref="IOException">The file could not be written.</exception>
    public void SavePng(string path, int width = 1600, int height = 600)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 100);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 100);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        var figure = new Multiplot();
        figure.AddPlots(2);
        figure.Layout = new ScottPlot.MultiplotLayouts.Rows();
        var top = figure.GetPlot(0);
        var bottom = figure.GetPlot(1);
        figure.SharedAxes.ShareX([top, bottom]);
        int[] detections = GetDetectionRows();
        DrawValues(top, detections);
        DrawScores(bottom, detections);

        // Fixed padding keeps the two data areas aligned, whatever the width of each panel's tick labels.
        top.Layout.Fixed(new PixelPadding(90, 20, 25, 40));
        bottom.Layout.Fixed(new PixelPadding(90, 20, 50, 10));
        top.Axes.SetLimitsX(-0.5, Scores.Length - 0.5);
        figure.SavePng(path, width, height);
    }

    private void DrawValues(Plot plot, int[] detections)
    {
        plot.Title(Title);
        plot.YLabel(Channels.Count == 1 ? Channels[0].Name : "value");
        ShadeSpans(plot);
        foreach (var (name, values) in Channels)
        {
            var signal = plot.Add.Signal(values);
            signal.LegendText = name;
            if (detections.Length > 0)
            {
                var markers = plot.Add.Markers(Array.ConvertAll(detections, row => (double)row), Array.ConvertAll(detections, row => values[row]), MarkerShape.FilledCircle, 6, Colors.Red);
                markers.LegendText = Channels.Count == 1 ? "detection" : string.Empty;
            }
        }

        plot.ShowLegend(Alignment.UpperLeft);
    }

    private void DrawScores(Plot plot, int[] detections)
    {
        plot.YLabel("anomaly score");
        plot.XLabel("row");
        ShadeSpans(plot);
        var signal = plot.Add.Signal(Scores);
        signal.LegendText = "score";
        var line = plot.Add.HorizontalLine(Threshold, 1, Colors.OrangeRed, LinePattern.Dashed);
        line.LegendText = string.Create(CultureInfo.InvariantCulture, $"threshold {Threshold:G4}");
        if (detections.Length > 0)
        {
            var markers = plot.Add.Markers(Array.ConvertAll(detections, row => (double)row), Array.ConvertAll(detections, row => Scores[row]), MarkerShape.FilledCircle, 6, Colors.Red);
            markers.LegendText = detections.Length == 1 ? "1 detection" : string.Create(CultureInfo.InvariantCulture, $"{detections.Length} detections");
        }

        plot.ShowLegend(Alignment.UpperLeft);
    }

    private void ShadeSpans(Plot plot)
    {
        for (int index = 0; index < LabelledSpans.Count; index++)
        {
            var (start, end) = LabelledSpans[index];

            // The span covers its rows from the left edge of the first to the right edge of the last.
            var span = plot.Add.HorizontalSpan(start - 0.5, end - 0.5, Colors.Gold.WithAlpha(0.35));
            span.LegendText = index == 0 ? "labelled anomaly" : string.Empty;
        }
    }

    private static string ChannelLabel(int channel, double[] shares) =>
        channel < shares.Length
            ? string.Create(CultureInfo.InvariantCulture, $"channel {channel + 1} ({100 * shares[channel]:F0} % of residual)")
            : string.Create(CultureInfo.InvariantCulture, $"channel {channel + 1}");
}
