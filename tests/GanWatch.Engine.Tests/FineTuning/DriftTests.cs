using GanWatch.Engine.FineTuning;
using GanWatch.Engine.Tests.Support;

namespace GanWatch.Engine.Tests.FineTuning;

public class DriftTests(TrainedModels models)
{
    private const int Length = TrainedModels.WindowLength;
    private const int Rows = 3000;
    private const int ShiftRow = 300;
    private const float Shift = 1.5f;
    private const int AdaptationBound = 1200;
    private static readonly int[] SpikeRows = [2500, 2600, 2700, 2800, 2900];

    [Fact]
    public void LevelShift_StopsAlertingWithFineTuning()
    {
        var rows = ShiftedSeriesWithSpikes();
        using var live = FineTuneLoop.CalibratedCopy(models.SingleChannel);
        using var plain = new FineTuneLoop(live, Options(), runEvery: 0);
        using var tuned = new FineTuneLoop(live, Options(), runEvery: 600);

        plain.Stream(rows, TestContext.Current.CancellationToken);
        tuned.Stream(rows, TestContext.Current.CancellationToken);

        // Without fine-tuning the shifted level alerts in nearly every window.
        double plainRate = AnomalousRate(plain, ShiftRow + Length, Rows);
        Assert.True(plainRate > 0.9, $"Without fine-tuning only {plainRate:P0} of the shifted windows alerted.");

        // With it, alerts stop within AdaptationBound windows of the shift. A few false alarms remain, because the new
        // threshold is fitted on a few hundred held-out scores. A failure lists the runs and the alerts.
        Assert.True(tuned.Accepted >= 1, $"No candidate was accepted: {tuned.Describe()}");
        double tunedRate = AnomalousRate(tuned, ShiftRow + AdaptationBound, Rows);
        TestContext.Current.TestOutputHelper?.WriteLine($"alert rate without fine-tuning {plainRate:P1}, with it {tunedRate:P1}: {tuned.Describe()}");
        Assert.True(
            tunedRate < 0.02,
            $"{tunedRate:P1} of the windows from {AdaptationBound} rows after the shift on alerted without a spike: {tuned.Describe()}; " +
            $"alerts: {string.Join(",", tuned.AnomalousRows.Order())}");

        // The spikes come after the adaptation and every one still raises an alert.
        foreach (int spike in SpikeRows)
        {
            Assert.True(
                Enumerable.Range(spike, Length).Any(tuned.AnomalousRows.Contains),
                $"No window that contains the spike at row {spike} alerted; the highest score was " +
                $"{Enumerable.Range(spike, Length).Max(row => tuned.Scores[row]):F3} against threshold {tuned.Thresholds[spike]:F3}.");
        }
    }

    private static double AnomalousRate(FineTuneLoop loop, int from, int to)
    {
        var rows = Enumerable.Range(from, to - from).Where(row => !ContainsSpike(row)).ToArray();
        return rows.Count(loop.AnomalousRows.Contains) / (double)rows.Length;
    }

    private static bool ContainsSpike(int windowEnd) => SpikeRows.Any(spike => spike <= windowEnd && windowEnd < spike + Length);

    private static float[] ShiftedSeriesWithSpikes()
    {
        var rows = SineData.Series(Rows, channels: 1, seed: 210);
        for (int row = ShiftRow; row < Rows; row++)
        {
            rows[row] += Shift;
        }

        foreach (int spike in SpikeRows)
        {
            rows[spike] += 3f;
        }

        return rows;
    }

    private static FineTuneOptions Options() => new()
    {
        BufferCapacity = 2048,
        MinWindows = 256,

        // SPOT extrapolates the threshold from the top 2 % of the held-out scores, so it needs a few hundred of them.
        HeldOutFraction = 0.4,
        ShiftAdmissionWindows = 96,
        Training = TrainedModels.ShortTraining(steps: 60, encoderSteps: 60),
        Seed = 5,
    };
}
