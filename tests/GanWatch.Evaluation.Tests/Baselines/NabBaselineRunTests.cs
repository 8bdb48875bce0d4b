using GanWatch.Evaluation.Baselines;
using GanWatch.Evaluation.Nab;

namespace GanWatch.Evaluation.Tests.Baselines;

public sealed class NabBaselineRunTests
{
    /// <summary>
    /// Cross-checks the NAB scorer against the rolling z-score baseline measured with NAB's own scorer on the 31-series
    /// subset: 46.3 standard, 41.9 reward_low_FP_rate and 49.7 reward_low_FN_rate, within 2 points. It reads the whole
    /// NAB subset, so it runs only with GANWATCH_SLOW=1.
    /// </summary>
    [Fact]
    public void RollingZScoreMatchesPublishedBaseline()
    {
        if (Environment.GetEnvironmentVariable("GANWATCH_SLOW") != "1")
        {
            Assert.Skip("Set GANWATCH_SLOW=1 to run the NAB rolling z-score cross-check.");
        }

        var folder = SharedData.RequireFolder("nab");
        var result = NabBaselineRun.RunRollingZScore(folder);
        foreach (var score in result.Scores)
        {
            TestContext.Current.SendDiagnosticMessage(
                $"{score.Profile.Name}: {score.NormalizedScore:F2} (threshold {score.Threshold:F4}, raw {score.RawScore:F3}, " +
                $"null {score.NullScore:F1}, perfect {score.PerfectScore:F1}, detected {score.DetectedWindows}, missed {score.MissedWindows}, FP rows {score.FalsePositiveRows})");
            TestContext.Current.TestOutputHelper?.WriteLine($"{score.Profile.Name}: {score.NormalizedScore:F2} threshold {score.Threshold:F4}");
        }

        var expected = new Dictionary<string, double>
        {
            [NabProfile.Standard.Name] = 46.3,
            [NabProfile.RewardLowFalsePositives.Name] = 41.9,
            [NabProfile.RewardLowFalseNegatives.Name] = 49.7,
        };
        foreach (var score in result.Scores)
        {
            Assert.InRange(score.NormalizedScore, expected[score.Profile.Name] - 2.0, expected[score.Profile.Name] + 2.0);
        }
    }
}
