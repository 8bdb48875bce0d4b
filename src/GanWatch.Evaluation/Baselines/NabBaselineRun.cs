using GanWatch.Evaluation.Likelihood;
using GanWatch.Evaluation.Nab;

namespace GanWatch.Evaluation.Baselines;

/// <summary>
/// Scores the rolling z-score baseline on a NAB folder. Each series is scored by the z-score of the value over the
/// previous 400 points, passed through an anomaly likelihood with NAB's HTM settings for the file length and NAB's
/// log scale. One threshold per profile is then swept over the whole corpus.
/// </summary>
internal static class NabBaselineRun
{
    internal sealed record Result(IReadOnlyList<NabScore> Scores, IReadOnlyList<double[]> AnomalyScores, NabCorpus Corpus);

    internal static Result RunRollingZScore(string nabFolder, int windowSize = 400)
    {
        var corpus = NabCorpus.Load(nabFolder);
        var anomalyScores = corpus.Series
            .AsParallel()
            .AsOrdered()
            .Select(series => ScoreSeries(series.GetValues(), windowSize))
            .ToList();

        var scorer = NabScorer.ForCorpus(corpus);
        var scores = NabProfile.All.Select(profile => scorer.FindBestThreshold(anomalyScores, profile)).ToList();
        return new Result(scores, anomalyScores, corpus);
    }

    internal static double[] ScoreSeries(double[] values, int windowSize)
    {
        var rawScores = RollingZScoreDetector.ScoreSeries(values, windowSize);
        var likelihood = new AnomalyLikelihood(AnomalyLikelihoodOptions.ForNabSeries(values.Length));
        var scores = new double[values.Length];
        for (var row = 0; row < values.Length; row++)
        {
            scores[row] = AnomalyLikelihood.LogLikelihood(likelihood.Update(rawScores[row], values[row]));
        }

        return scores;
    }
}
