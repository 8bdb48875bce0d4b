using System.Runtime.ExceptionServices;
using GanWatch.Evaluation.Nab;
using TorchSharp;
using static TorchSharp.torch;

namespace GanWatch.Evaluation.Runs;

/// <summary>
/// The causal GAN protocol on a NAB corpus. Per series: train a WGAN-GP with an encoder on the probation rows only,
/// score each row from the window that ends at it, and turn the raw scores into anomaly scores with
/// <see cref="NabAnomalyScores"/>. The labels are used only to score the result.
/// </summary>
public static class NabGanRun
{
    /// <summary>Runs the protocol on every series of <paramref name="corpus"/> and scores it with every NAB profile.</summary>
    /// <param name="corpus">The series with their windows and labels.</param>
    /// <param name="options">The settings, the same for every series.</param>
    /// <param name="device">The TorchSharp device; null means the CPU.</param>
    /// <param name="progress">Receives each finished series, on a worker thread, in completion order.</param>
    /// <param name="timeProvider">Clock for the elapsed times; default <see cref="TimeProvider.System"/>.</param>
    /// <param name="cancellationToken">Stops the run between training steps.</param>
    /// <remarks>Sets torch.set_num_threads to <see cref="NabGanRunOptions.Threads"/> for the whole process.</remarks>
    /// <exception cref="ArgumentException">The options are invalid, or a series is too short for the window length.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public static NabRunResult Run(
        NabCorpus corpus,
        NabGanRunOptions options,
        Device? device = null,
        IProgress<NabSeriesResult>? progress = null,
        TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(options);
        options.ThrowIfInvalid();
        device ??= torch.CPU;
        timeProvider ??= TimeProvider.System;
        long started = timeProvider.GetTimestamp();
        foreach (var series in corpus.Series)
        {
            EnsureLongEnough(series, options);
        }

        torch.set_num_threads(options.Threads);
        var results = new NabSeriesResult[corpus.Series.Count];

        // Longest series first, so that the last worker does not start a long series alone.
        var order = Enumerable.Range(0, corpus.Series.Count).OrderByDescending(index => corpus.Series[index].Data.RowCount).ToArray();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxParallelism, CancellationToken = cancellationToken };
        try
        {
            Parallel.ForEach(order, parallel, index =>
            {
                results[index] = RunSeries(corpus.Series[index], options, device, timeProvider, cancellationToken);
                progress?.Report(results[index]);
            });
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count == 1)
        {
            ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
        }

        var scorer = NabScorer.ForCorpus(corpus);
        var anomalyScores = results.Select(result => result.AnomalyScores).ToList();
        var swept = NabProfile.All.Select(profile => scorer.FindBestThreshold(anomalyScores, profile)).ToList();
        var own = NabProfile.All.Select(profile => scorer.ScoreAtThreshold(anomalyScores, options.OwnThreshold, profile)).ToList();
        return new NabRunResult(results, swept, own, options.OwnThreshold, timeProvider.GetElapsedTime(started));
    }

    /// <summary>
    /// Writes every series' anomaly scores in NAB's results layout,
    /// <c>&lt;root&gt;/&lt;detector&gt;/&lt;category&gt;/&lt;detector&gt;_&lt;file&gt;.csv</c>, and returns the paths in corpus order.
    /// </summary>
    /// <exception cref="ArgumentException">The detector name is not a valid file name.</exception>
    /// <exception cref="IOException">A file could not be written.</exception>
    public static IReadOnlyList<string> WriteResults(NabRunResult run, string resultsRoot, string detectorName)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run.Series.Select(series => NabResultsWriter.Write(resultsRoot, detectorName, series.Series, series.AnomalyScores)).ToList();
    }

    /// <summary>Trains, scores and converts one series.</summary>
    /// <exception cref="ArgumentException">The series is too short for the window length.</exception>
    public static NabSeriesResult RunSeries(
        NabSeries series,
        NabGanRunOptions options,
        Device device,
        TimeProvider timeProvider,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(timeProvider);
        long started = timeProvider.GetTimestamp();
        EnsureLongEnough(series, options);
        var values = series.GetValues();
        int probation = NabScoring.ProbationRows(values.Length);
        var raw = CausalGanScorer.Score(values, probation, options, device, cancellationToken);
        var anomalyScores = NabAnomalyScores.Compute(values, raw.Select(options.Signal), options);
        return new NabSeriesResult(series, anomalyScores, raw, timeProvider.GetElapsedTime(started));
    }

    private static void EnsureLongEnough(NabSeries series, NabGanRunOptions options)
    {
        int rows = series.Data.RowCount;
        int probation = NabScoring.ProbationRows(rows);
        if (probation < options.WindowLength + 1)
        {
            throw new ArgumentException(
                $"Series '{series.RelativePath}' has {rows} rows, so its {probation} probation rows hold fewer than two windows of {options.WindowLength}. " +
                "Use a shorter window.");
        }
    }
}
