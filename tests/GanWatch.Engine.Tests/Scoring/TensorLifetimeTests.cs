using GanWatch.Engine.Scoring;
using GanWatch.Engine.Tests.Support;
using TorchSharp;

namespace GanWatch.Engine.Tests.Scoring;

public class TensorLifetimeTests(TrainedModels models)
{
    [Theory]
    [InlineData(0, InversionStart.Encoder)]
    [InlineData(3, InversionStart.Random)]
    public void Scoring_ReleasesEveryTensor(int steps, InversionStart start)
    {
        var model = models.SingleChannel;
        var windows = SineData.Windows(windows: 64, channels: 1, TrainedModels.WindowLength, stride: 1, seed: 90);
        var options = new ScoringOptions { InversionSteps = steps, Start = start, MaxBatchSize = 40 };
        model.Score(windows, options);
        long before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        for (int i = 0; i < 30; i++)
        {
            model.Score(windows, options);
        }

        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }
}
