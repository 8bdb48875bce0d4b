using System.Globalization;
using System.Text;
using GanWatch.Evaluation.Runs;
using GanWatch.Evaluation.Smd;

namespace GanWatch.Evaluation.Tests.Runs;

public sealed class SmdGanRunTests
{
    private const int Channels = 3;
    private const int TrainRows = 600;
    private const int TestRows = 400;
    private const int FaultStart = 250;
    private const int FaultEnd = 270;

    [Fact]
    public void RunMachine_FindsFaultAndChannel()
    {
        using var folder = new TempFolder();
        WriteMachine(folder, "machine-9-9");
        var options = new SmdGanRunOptions { WindowLength = 16, LatentSize = 8, Width = 8, Steps = 60, EncoderSteps = 60, BatchSize = 32, TrainingStride = 2, Threads = 1 };

        Assert.Equal(["machine-9-9"], SmdGanRun.FindMachines(folder.Path));
        var result = SmdGanRun.RunMachine(SmdMachine.Load(folder.Path, "machine-9-9"), options, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(result.PointAdjusted.TruePositives > 0, "The threshold from held-out train scores should flag the injected fault.");
        Assert.True(result.BestF1 >= result.PointWise.F1, $"The best F1 {result.BestF1} cannot be below the F1 at one threshold {result.PointWise.F1}.");
        Assert.True(result.HitRate100 > 0.5, $"Channel 2 carries the fault, so it should rank first most of the time; HitRate@100% is {result.HitRate100}.");
        Assert.InRange(result.HitRate150, result.HitRate100, 1.0);
    }

    [Fact]
    public void FindMachines_MissingTrainFolderFails()
    {
        using var folder = new TempFolder();

        var error = Assert.Throws<GanWatch.Evaluation.Data.DataFormatException>(() => SmdGanRun.FindMachines(folder.Path));

        Assert.Contains("train", error.Message, StringComparison.Ordinal);
    }

    internal static void WriteMachine(TempFolder folder, string name)
    {
        folder.Write($"train/{name}.txt", Rows(TrainRows, 0, fault: false));
        folder.Write($"test/{name}.txt", Rows(TestRows, TrainRows, fault: true));
        var labels = new StringBuilder();
        for (int row = 0; row < TestRows; row++)
        {
            labels.Append(row is >= FaultStart and < FaultEnd ? "1\n" : "0\n");
        }

        folder.Write($"test_label/{name}.txt", labels.ToString());
        folder.Write($"interpretation_label/{name}.txt", $"{FaultStart}-{FaultEnd}:2\n");
    }

    private static string Rows(int count, int offset, bool fault)
    {
        var random = new Random(offset + 3);
        var text = new StringBuilder();
        for (int row = 0; row < count; row++)
        {
            int t = row + offset;
            var values = new double[Channels];
            for (int c = 0; c < Channels; c++)
            {
                values[c] = 0.5 + (0.3 * Math.Sin((2 * Math.PI * t / 40.0) + c)) + (0.02 * random.NextDouble());
            }

            if (fault && row is >= FaultStart and < FaultEnd)
            {
                values[1] = 1.0 - values[1] + 0.8;
            }

            text.AppendJoin(',', values.Select(value => value.ToString("R", CultureInfo.InvariantCulture))).Append('\n');
        }

        return text.ToString();
    }
}
