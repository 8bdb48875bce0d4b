using GanWatch.Engine;
using GanWatch.Engine.Data;
using GanWatch.Engine.Devices;
using GanWatch.Engine.Models;
using GanWatch.Engine.Thresholds;
using GanWatch.Engine.Training;

namespace GanWatch.Tests.Support;

/// <summary>
/// One small real model, trained once per test run on a noisy sine and saved to a temporary directory that is deleted
/// when the run ends.
/// </summary>
/// <remarks>
/// The model learns a sine with noise of standard deviation 0.05, and its threshold is then calibrated on held-out
/// windows with noise of 0.3. The test streams replay the clean sine, so normal windows score well below the threshold
/// (measured: clean windows at most 0.87, threshold about 1.1), while every window that contains a spike of
/// <see cref="SpikeHeight"/> scores above 2.
/// </remarks>
public sealed class TrainedModelFixture : IDisposable
{
    /// <summary>Added to a sine value to make a spike; about 28 standard deviations of the training data.</summary>
    public const float SpikeHeight = 20f;

    private const int TrainingRows = 2048;
    private const double TrainingNoise = 0.05;
    private const double CalibrationNoise = 0.3;

    public TrainedModelFixture()
    {
        Directory = TempDirectory.Create("ganwatch-model");
        float[] rows = SineSignal.Noisy(TrainingRows, TrainingNoise, seed: 3);
        var shape = new GanOptions
        {
            WindowLength = SineSignal.WindowLength,
            Channels = 1,
            GeneratorWidth = 16,
            CriticWidth = 16,
            EncoderWidth = 16,
        };
        var training = new TrainingOptions { Steps = 100, EncoderSteps = 100, Seed = 1, Threads = 1 };
        using GanModel model = GanModel.Train(WindowBatch.FromSeries(rows, 1, SineSignal.WindowLength), shape, training, DeviceSelector.Resolve("cpu"));
        float[] calibration = SineSignal.Noisy(TrainingRows, CalibrationNoise, seed: 4);
        model.Calibrate(WindowBatch.FromSeries(calibration, 1, SineSignal.WindowLength), new ThresholdOptions());
        ModelDirectory = Path.Combine(Directory.Path, "sine");
        model.Save(ModelDirectory);
        ModelVersion = model.ModelVersion;
    }

    /// <summary>The saved model directory, as written by <c>ganwatch train</c>.</summary>
    public string ModelDirectory { get; }

    /// <summary>Version string of the saved model.</summary>
    public string ModelVersion { get; }

    private TempDirectory Directory { get; }

    public void Dispose() => Directory.Dispose();
}
