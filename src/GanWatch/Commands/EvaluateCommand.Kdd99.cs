using System.CommandLine;
using System.Globalization;
using System.Text;
using GanWatch.Cli;
using GanWatch.Engine.Features;
using GanWatch.Engine.Training;
using GanWatch.Evaluation.Data;
using GanWatch.Evaluation.Kdd99;
using GanWatch.Evaluation.Reports;
using Spectre.Console;

namespace GanWatch.Commands;

/// <summary><c>ganwatch evaluate kdd99</c>: the GAN papers' KDD99 protocol with an event model.</summary>
internal static partial class EvaluateCommand
{
    /// <summary>F1 on KDD99 with the same protocol: as published for each method, and three baselines measured on this project's machines over 5 seeds.</summary>
    private static readonly (string Detector, string F1)[] PublishedKdd99 =
    [
        ("ALAD (published)", "0.95"), ("BiGAN (published)", "0.94"), ("DAGMM (published)", "0.94"), ("AnoGAN (published)", "0.89"),
        ("PCA reconstruction error (measured here, 5 seeds)", "0.943"), ("IsolationForest (measured here, 5 seeds)", "0.924"),
        ("dense autoencoder (measured here, 5 seeds)", "0.872"),
    ];

    private static Command CreateKdd99()
    {
        var defaults = new Kdd99GanRunOptions();
        var data = new Option<string>("--data") { Description = $"KDD99 folder that contains {Kdd99Data.ColumnsFile} and {Kdd99Data.DataFile}.", Required = true };
        var seeds = new Option<int>("--seeds") { Description = "Number of seeds; each is a new random split and a new model.", DefaultValueFactory = _ => defaults.Seeds };
        var firstSeed = new Option<int>("--first-seed") { Description = "The first seed; the seeds run upwards from it.", DefaultValueFactory = _ => defaults.FirstSeed };
        var output = new Option<string?>("--out") { Description = "Markdown file to write the results to: command, machine, date, per-seed and summary tables." };
        var restarts = new Option<int>("--restarts") { Description = "Training runs per seed; with more than 1, the run that scores lowest on a held-out tenth of the training records is kept (no labels used).", DefaultValueFactory = _ => defaults.Restarts };
        var maxRows = new Option<int>("--max-training-rows") { Description = "Train on a seeded random sample of at most this many records per seed; 0 uses every non-normal record of the training half.", DefaultValueFactory = _ => defaults.MaxTrainingRows };
        var scaling = new Option<FeatureScaling>("--scaling") { Description = "Scaling of the continuous columns: MinMax or Standard.", DefaultValueFactory = _ => defaults.Scaling };
        var latent = new Option<int>("--latent") { Description = "Size of the latent vector z.", DefaultValueFactory = _ => defaults.LatentSize };
        var width = new Option<int>("--width") { Description = "Hidden units of the dense generator, critic and encoder.", DefaultValueFactory = _ => defaults.Width };
        var steps = new Option<int>("--steps") { Description = "Generator steps per seed.", DefaultValueFactory = _ => defaults.Steps };
        var encoderSteps = new Option<int>("--encoder-steps") { Description = "Encoder training steps per seed.", DefaultValueFactory = _ => defaults.EncoderSteps };
        var batch = new Option<int>("--batch-size") { Description = "Training batch size in records.", DefaultValueFactory = _ => defaults.BatchSize };
        var learningRate = new Option<double>("--learning-rate") { Description = "Adam learning rate.", DefaultValueFactory = _ => defaults.LearningRate };
        var objective = new Option<GanObjective>("--objective") { Description = "Training objective: WganGp (Wasserstein with gradient penalty) or Gan (non-saturating min-max).", DefaultValueFactory = _ => defaults.Objective };
        var inversion = new Option<int>("--inversion-steps") { Description = "Adam steps on z per scored record; 0 scores with the encoder alone.", DefaultValueFactory = _ => defaults.InversionSteps };
        var featureWeight = new Option<double>("--feature-weight") { Description = "Weight lambda of the critic-feature distance in the score, in [0, 1].", DefaultValueFactory = _ => defaults.FeatureWeight };
        var threads = new Option<int>("--threads") { Description = "Torch CPU threads for the whole process.", DefaultValueFactory = _ => defaults.Threads };

        var command = new Command("kdd99", "The GAN papers' KDD99 protocol: normal. is the anomaly class, 50/50 random split, train on the other records, flag the top 20 % of test scores; precision, recall and F1 over seeds.");
        foreach (Option option in new Option[] { data, seeds, firstSeed, output, restarts, maxRows, scaling, latent, width, steps, encoderSteps, batch, learningRate, objective, inversion, featureWeight, threads })
        {
            command.Options.Add(option);
        }

        command.SetAction((result, cancellationToken) =>
        {
            var options = new Kdd99GanRunOptions
            {
                Seeds = result.GetValue(seeds),
                FirstSeed = result.GetValue(firstSeed),
                Restarts = result.GetValue(restarts),
                MaxTrainingRows = result.GetValue(maxRows),
                Scaling = result.GetValue(scaling),
                LatentSize = result.GetValue(latent),
                Width = result.GetValue(width),
                Steps = result.GetValue(steps),
                EncoderSteps = result.GetValue(encoderSteps),
                BatchSize = result.GetValue(batch),
                LearningRate = result.GetValue(learningRate),
                Objective = result.GetValue(objective),
                InversionSteps = result.GetValue(inversion),
                FeatureWeight = result.GetValue(featureWeight),
                Threads = result.GetValue(threads),
            };
            return Task.FromResult(RunKdd99(result.GetRequiredValue(data), result.GetValue(output), options, cancellationToken));
        });
        return command;
    }

    private static int RunKdd99(string folder, string? output, Kdd99GanRunOptions options, CancellationToken cancellationToken)
    {
        var startedUtc = TimeProvider.System.GetUtcNow();
        long started = TimeProvider.System.GetTimestamp();
        try
        {
            options.ThrowIfInvalid();
            var data = Kdd99Data.Load(folder, options.Scaling);
            Console.Error.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"Read {data.Rows.Count} records ({data.IsNormal.Count(n => n)} normal.) from {Path.GetFullPath(Path.Combine(folder, Kdd99Data.DataFile))}; running {options.Seeds} seed(s)."));
            var printer = new Progress(Console.Error);
            var run = Kdd99GanRun.Run(data, options, progress: printer, cancellationToken: cancellationToken);
            var elapsed = TimeProvider.System.GetElapsedTime(started);
            PrintKdd99(AnsiConsole.Console, run, options);
            if (output is not null)
            {
                var info = new ReportRunInfo(ReportRunInfo.CurrentCommandLine(), startedUtc, elapsed, ReportRunInfo.DescribeMachine());
                string directory = Path.GetDirectoryName(Path.GetFullPath(output))!;
                Directory.CreateDirectory(directory);
                File.WriteAllText(output, Kdd99Markdown(run, options, info));
                Console.Error.WriteLine($"Wrote {Path.GetFullPath(output)}.");
            }

            return ExitCodes.Success;
        }
        catch (Exception ex) when (ex is DataFormatException or ArgumentException or IOException)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.InvalidInput;
        }
    }

    private static void PrintKdd99(IAnsiConsole console, Kdd99RunResult run, Kdd99GanRunOptions options)
    {
        var table = new Table().Title("KDD99, normal. as the anomaly class, top 20 % of test scores flagged");
        table.AddColumns("detector", "precision", "recall", "F1");
        table.AddRow($"ganwatch event model ({run.Seeds.Count} seed(s), mean ± std)", MeanStd(run.Precision), MeanStd(run.Recall), MeanStd(run.F1));
        foreach ((string detector, string f1) in PublishedKdd99)
        {
            table.AddRow(Markup.Escape(detector), "", "", f1);
        }

        console.Write(table);
        console.WriteLine(TrainingNote(run, options));
        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Wall time {run.Elapsed.TotalSeconds:F0} s."));
    }

    private static string Kdd99Markdown(Kdd99RunResult run, Kdd99GanRunOptions options, ReportRunInfo info)
    {
        var text = new StringBuilder();
        text.AppendLine("# KDD99, GAN papers' protocol");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"- command: `{info.CommandLine}`");
        text.AppendLine(CultureInfo.InvariantCulture, $"- machine: {info.Machine}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- started: {info.StartedUtc:yyyy-MM-dd HH:mm} UTC, wall time {info.WallTime.TotalSeconds:F0} s");
        text.AppendLine(CultureInfo.InvariantCulture, $"- {TrainingNote(run, options)}");
        text.AppendLine();
        text.AppendLine("| seed | training records | test records | test normal. | precision | recall | F1 | flagged attacks by label | time (s) |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var seed in run.Seeds)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {seed.Seed} | {seed.TrainingRows} of {seed.AvailableTrainingRows} | {seed.TestRows} | {seed.TestNormalRows} | {seed.Metrics.Precision:F3} | {seed.Metrics.Recall:F3} | {seed.Metrics.F1:F3} | {FalsePositives(seed)} | {seed.Elapsed.TotalSeconds:F0} |");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"| mean ± std | | | | {MeanStd(run.Precision)} | {MeanStd(run.Recall)} | {MeanStd(run.F1)} | | |");
        return text.ToString();
    }

    private static string TrainingNote(Kdd99RunResult run, Kdd99GanRunOptions options)
    {
        bool subsampled = run.Seeds.Any(s => s.TrainingRows < s.AvailableTrainingRows);
        string rows = subsampled
            ? string.Create(CultureInfo.InvariantCulture, $"Training records were SUBSAMPLED to {options.MaxTrainingRows} per seed (of about {run.Seeds.Average(s => s.AvailableTrainingRows):F0} non-normal records in each training half).")
            : "Every non-normal record of each training half was used for training.";
        string restarts = options.Restarts == 1
            ? ""
            : string.Create(CultureInfo.InvariantCulture, $" Each seed trained {options.Restarts} models on 90 % of those records and kept the one with the lowest mean score on the other 10 % (no labels used).");
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{rows}{restarts} Model: dense {options.Objective} GAN with encoder, latent {options.LatentSize}, width {options.Width}, {options.Steps} generator and {options.EncoderSteps} encoder steps, batch {options.BatchSize}, learning rate {options.LearningRate}, {options.InversionSteps} inversion steps, score feature weight {options.FeatureWeight}, {options.Scaling} scaling, {options.Threads} torch thread(s).");
    }

    /// <summary>Returns the false positives by attack label, most first, such as <c>back. 1093, satan. 790</c>.</summary>
    private static string FalsePositives(Kdd99SeedResult seed) => string.Join(
        ", ",
        seed.FalsePositivesByLabel.OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key} {pair.Value}"));

    private static string MeanStd((double Mean, double Std) value) =>
        string.Create(CultureInfo.InvariantCulture, $"{value.Mean:F3} ± {value.Std:F3}");

    private sealed class Progress(TextWriter writer) : IProgress<Kdd99SeedResult>
    {
        public void Report(Kdd99SeedResult value)
        {
            string selection = value.SelectionScores.Count == 0
                ? ""
                : "; held-out training scores " + string.Join(", ", value.SelectionScores.Select(score => score.ToString("F4", CultureInfo.InvariantCulture)));
            writer.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"  seed {value.Seed}: trained on {value.TrainingRows} records, scored {value.TestRows}; precision {value.Metrics.Precision:F3}, recall {value.Metrics.Recall:F3}, F1 {value.Metrics.F1:F3}; {value.Elapsed.TotalSeconds:F0} s{selection}"));
        }
    }
}
