using System.Text.Json;
using GanWatch.Engine.Thresholds;

namespace GanWatch.Engine.Tests.Thresholds;

public class SpotThresholdTests
{
    [Fact]
    public void Calibrate_OnExponentialMatchesTrueQuantile()
    {
        var scores = Exponential(count: 20000, seed: 1);
        var options = new ThresholdOptions { InitialQuantile = 0.98, RiskLevel = 1e-3 };

        var threshold = SpotThreshold.Calibrate(scores, options);
        var state = threshold.GetState();

        // For Exp(1), P(X > z) = 1e-3 at z = ln(1000) = 6.908, and excesses over any t are Exp(1): shape 0, scale 1.
        Assert.InRange(threshold.Value, Math.Log(1000) - 0.5, Math.Log(1000) + 0.5);
        Assert.InRange(state.Shape, -0.12, 0.12);
        Assert.InRange(state.Scale, 0.85, 1.15);
        Assert.InRange(state.InitialThreshold, Math.Log(50) - 0.15, Math.Log(50) + 0.15);
        Assert.Equal(400, state.ExcessCount);
    }

    [Fact]
    public void Fit_RecoversParetoShape()
    {
        // Inverse CDF of the GPD with shape 0.3 and scale 2: y = scale / shape * ((1 - u)^(-shape) - 1).
        var random = new Random(2);
        var excesses = Enumerable.Range(0, 3000).Select(_ => 2.0 / 0.3 * (Math.Pow(1 - random.NextDouble(), -0.3) - 1)).ToArray();

        var (shape, scale) = GeneralizedParetoFit.Fit(excesses);

        Assert.InRange(shape, 0.22, 0.38);
        Assert.InRange(scale, 1.8, 2.2);
    }

    [Fact]
    public void Fit_RecoversBoundedTailShape()
    {
        // Uniform(0, 1) excesses are a GPD with shape -1 and scale 1.
        var random = new Random(3);
        var excesses = Enumerable.Range(0, 3000).Select(_ => random.NextDouble()).ToArray();

        var (shape, scale) = GeneralizedParetoFit.Fit(excesses);

        Assert.InRange(shape, -1.1, -0.9);
        Assert.InRange(scale, 0.9, 1.1);
    }

    [Fact]
    public void Observe_KeepsThresholdStableOnSameDistribution()
    {
        // With q = 1e-4 only 0.5 % of excesses lie above z_q, so leaving out anomalies truncates the tail fit less,
        // though the fitted shape still drifts below 0 (see the drift note on SpotThreshold).
        var options = new ThresholdOptions { RiskLevel = 1e-4 };
        var threshold = SpotThreshold.Calibrate(Exponential(count: 5000, seed: 4), options);
        double initial = threshold.Value;

        int alarms = 0;
        foreach (double score in Exponential(count: 50000, seed: 5))
        {
            alarms += threshold.IsAnomaly(score) ? 1 : 0;
            threshold.Observe(score);
        }

        Assert.InRange(threshold.Value, Math.Log(10000) - 1.0, Math.Log(10000) + 0.5);
        Assert.InRange(threshold.Value, initial - 1, initial + 1);
        Assert.InRange(alarms, 0, 20);
    }

    [Fact]
    public void Observe_DriftsDownWhenRiskIsLarge()
    {
        // At q = 1e-3 with t at the 0.98 quantile, 5 % of excesses lie above z_q and are left out, which thins the
        // fitted tail. The threshold drifts below ln(1000) = 6.91 but must stay within 1.2 of it.
        var threshold = SpotThreshold.Calibrate(Exponential(count: 5000, seed: 4), new ThresholdOptions { RiskLevel = 1e-3 });

        foreach (double score in Exponential(count: 50000, seed: 5))
        {
            threshold.Observe(score);
        }

        Assert.InRange(threshold.Value, Math.Log(1000) - 1.2, Math.Log(1000) + 0.3);
    }

    [Fact]
    public void Observe_IgnoresAnomaliesAndCountsExcesses()
    {
        var threshold = SpotThreshold.Calibrate(Exponential(count: 2000, seed: 6), new ThresholdOptions());
        var before = threshold.GetState();

        threshold.Observe(before.Value + 100);
        var afterAnomaly = threshold.GetState();
        threshold.Observe(before.InitialThreshold + 0.01);
        var afterExcess = threshold.GetState();
        threshold.Observe(0);
        var afterNormal = threshold.GetState();

        Assert.True(threshold.IsAnomaly(before.Value + 100));
        Assert.Equal(before.ObservationCount, afterAnomaly.ObservationCount);
        Assert.Equal(before.ExcessCount, afterAnomaly.ExcessCount);
        Assert.Equal(before.ExcessCount + 1, afterExcess.ExcessCount);
        Assert.Equal(before.ObservationCount + 1, afterExcess.ObservationCount);
        Assert.Equal(afterExcess.ExcessCount, afterNormal.ExcessCount);
        Assert.Equal(afterExcess.ObservationCount + 1, afterNormal.ObservationCount);
    }

    [Fact]
    public void Observe_KeepsAtMostMaxExcesses()
    {
        var threshold = SpotThreshold.Calibrate(Exponential(count: 5000, seed: 7), new ThresholdOptions { MaxExcesses = 20 });

        foreach (double score in Exponential(count: 5000, seed: 8))
        {
            threshold.Observe(score);
        }

        var state = threshold.GetState();
        Assert.Equal(20, state.Excesses.Length);
        Assert.True(state.ExcessCount > 100);
    }

    [Fact]
    public void State_RoundTripsThroughJson()
    {
        var calibrated = SpotThreshold.Calibrate(Exponential(count: 3000, seed: 9), new ThresholdOptions());
        string json = JsonSerializer.Serialize(calibrated.GetState());
        var state = JsonSerializer.Deserialize<ThresholdState>(json)!;

        var first = ThresholdFactory.Create(state);
        var second = ThresholdFactory.Create(state);
        for (int i = 0; i < 200; i++)
        {
            first.Observe(calibrated.GetState().InitialThreshold + 0.5);
        }

        Assert.Equal(calibrated.Value, second.Value, 12);
        Assert.NotEqual(second.Value, first.Value);
        Assert.Equal(calibrated.GetState().ExcessCount, state.ExcessCount);
    }

    [Fact]
    public void Calibrate_ConstantScoresGiveThresholdAtValue()
    {
        var threshold = SpotThreshold.Calibrate(Enumerable.Repeat(0.5, 100).ToArray(), new ThresholdOptions());

        Assert.Equal(0.5, threshold.Value);
        Assert.False(threshold.IsAnomaly(0.5));
        Assert.True(threshold.IsAnomaly(0.51));
    }

    [Fact]
    public void ThresholdOptions_ValidateListsEveryProblem()
    {
        var options = new ThresholdOptions { Quantile = 1, InitialQuantile = 0, RiskLevel = 0, MaxExcesses = 5 };

        Assert.Equal(4, options.Validate().Count);
        Assert.Single(new ThresholdOptions { InitialQuantile = 0.999, RiskLevel = 0.01 }.Validate());
        Assert.Empty(new ThresholdOptions().Validate());
    }

    private static double[] Exponential(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => -Math.Log(1 - random.NextDouble())).ToArray();
    }
}
