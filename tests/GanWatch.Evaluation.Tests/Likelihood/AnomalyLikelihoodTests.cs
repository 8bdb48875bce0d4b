using GanWatch.Evaluation.Likelihood;

namespace GanWatch.Evaluation.Tests.Likelihood;

public sealed class AnomalyLikelihoodTests
{
    private static AnomalyLikelihoodOptions SmallOptions() => new()
    {
        LearningPeriod = 50,
        EstimationSamples = 50,
        HistoricWindowSize = 1000,
        ReestimationPeriod = 50,
        AveragingWindow = 10,
    };

    private static double[] Noise(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => 0.2 + (random.NextDouble() * 0.1)).ToArray();
    }

    [Fact]
    public void LearningPeriodReportsHalf()
    {
        var likelihood = new AnomalyLikelihood(SmallOptions());

        var values = Noise(100, 1).Select(score => likelihood.Update(score)).ToList();

        Assert.All(values, value => Assert.Equal(0.5, value));
        Assert.Equal(100, likelihood.RecordCount);
    }

    [Fact]
    public void SpikeAfterConstantScoresIsLikely()
    {
        var likelihood = new AnomalyLikelihood(SmallOptions());
        for (var index = 0; index < 400; index++)
        {
            likelihood.Update(0.1);
        }

        var atSpike = likelihood.Update(1.0);

        Assert.True(atSpike > 0.999, $"likelihood at the spike was {atSpike}");
        Assert.True(AnomalyLikelihood.LogLikelihood(atSpike) > 0.3);
    }

    [Fact]
    public void StationaryNoiseIsMostlyUnlikely()
    {
        var likelihood = new AnomalyLikelihood(SmallOptions());

        var values = Noise(3000, 2).Select(score => likelihood.Update(score)).Skip(100).ToList();

        var high = values.Count(value => value > 0.99);
        Assert.True(high < values.Count / 50, $"{high} of {values.Count} values exceeded 0.99");
        Assert.True(values.Average() < 0.75, $"mean likelihood was {values.Average()}");
    }

    [Fact]
    public void RunOfExtremesIsCappedAfterOnset()
    {
        var likelihood = new AnomalyLikelihood(SmallOptions());
        for (var index = 0; index < 400; index++)
        {
            likelihood.Update(0.1);
        }

        var onset = likelihood.Update(5.0);
        var next = likelihood.Update(5.0);

        Assert.True(onset > 0.99999, $"onset likelihood was {onset}");
        Assert.Equal(0.999, next, 12);
    }

    [Fact]
    public void LikelihoodIsCausal()
    {
        var prefix = Noise(600, 3);
        var first = new AnomalyLikelihood(SmallOptions());
        var second = new AnomalyLikelihood(SmallOptions());

        var firstValues = prefix.Concat(Enumerable.Repeat(0.9, 50)).Select(score => first.Update(score)).ToList();
        var secondValues = prefix.Concat(Enumerable.Repeat(0.0, 50)).Select(score => second.Update(score)).ToList();

        Assert.Equal(firstValues.Take(600), secondValues.Take(600));
        Assert.NotEqual(firstValues[600], secondValues[600]);
    }

    [Fact]
    public void FlatMetricUsesNullDistribution()
    {
        var likelihood = new AnomalyLikelihood(SmallOptions());
        for (var index = 0; index < 400; index++)
        {
            likelihood.Update(0.1, metricValue: 42.0);
        }

        var atSpike = likelihood.Update(1.0, metricValue: 42.0);

        Assert.True(atSpike < 0.51, $"likelihood on a flat metric was {atSpike}");
    }

    [Theory]
    [InlineData(0.5, 0.030103)]
    [InlineData(0.999, 0.3)]
    [InlineData(0.99999, 0.5)]
    [InlineData(0.0, 0.0)]
    public void LogLikelihoodMatchesNab(double likelihood, double expected)
    {
        Assert.Equal(expected, AnomalyLikelihood.LogLikelihood(likelihood), 5);
    }

    [Fact]
    public void NabOptionsSplitProbation()
    {
        var options = AnomalyLikelihoodOptions.ForNabSeries(4032);

        Assert.Equal(302, options.LearningPeriod);
        Assert.Equal(302, options.EstimationSamples);
        Assert.Equal(375, AnomalyLikelihoodOptions.ForNabSeries(22695).LearningPeriod);
    }

    [Fact]
    public void InvalidOptionsListEveryProblem()
    {
        var options = new AnomalyLikelihoodOptions
        {
            LearningPeriod = -1,
            EstimationSamples = 0,
            HistoricWindowSize = 0,
            ReestimationPeriod = 0,
            AveragingWindow = 0,
        };

        Assert.Equal(5, options.Validate().Count);
        Assert.Throws<ArgumentException>(() => new AnomalyLikelihood(options));
    }

    [Fact]
    public void NonFiniteScoreFails()
    {
        var likelihood = new AnomalyLikelihood();

        Assert.Throws<ArgumentException>(() => likelihood.Update(double.NaN));
    }
}
