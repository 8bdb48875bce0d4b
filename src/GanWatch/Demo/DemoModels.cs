using GanWatch.Engine;
using GanWatch.Engine.Data;
using GanWatch.Engine.Devices;
using GanWatch.Engine.Models;
using GanWatch.Models;
using GanWatch.Engine.Training;

namespace GanWatch.Demo;

/// <summary>Trains the models the demo needs, one per distinct model directory, on the series' training rows.</summary>
internal static class DemoModels
{
    /// <summary>Trains and saves a model for every model directory that does not exist yet.</summary>
    public static void TrainMissing(IReadOnlyList<DemoSeries> series, DemoSettings settings, TextWriter log)
    {
        var groups = series.GroupBy(s => s.ModelDirectory).Where(g => !Directory.Exists(g.Key)).ToList();
        int done = 0;
        foreach (IGrouping<string, DemoSeries> group in groups)
        {
            var batches = group
                .Select(s => WindowBatch.FromSeries(s.TrainingRows, 1, settings.WindowLength))
                .ToList();
            WindowBatch windows = Cli.SeriesWindows.Concatenate(batches, 1, settings.WindowLength);
            var shape = new GanOptions
            {
                WindowLength = settings.WindowLength,
                Channels = 1,
                LatentSize = settings.LatentSize,
                GeneratorWidth = settings.Width,
                CriticWidth = settings.Width,
                EncoderWidth = settings.Width,
            };
            var training = new TrainingOptions
            {
                Steps = settings.TrainingSteps,
                EncoderSteps = settings.EncoderSteps,
                Seed = settings.Seed,
                // One torch thread: these models are small, and on a busy host more threads than free cores slowed
                // training by over 50 times in one measured run.
                Threads = 1,
                ProgressInterval = int.MaxValue,
            };

            using GanModel model = GanModel.Train(windows, shape, training, DeviceSelector.Resolve("cpu"));
            model.DataSummary.SourceName = string.Join(",", group.Select(s => s.Id));
            ModelFileRetry.Execute(group.Key, () => model.Save(group.Key), log.WriteLine);
            done++;
            string scope = group.Count() > 1 ? $"{group.Count()} series ({group.First().Id} to {group.Last().Id})" : group.First().Id;
            log.WriteLine($"Trained model {done} of {groups.Count}, for {scope}, on {windows.Count} windows.");
        }
    }
}
