using System.CommandLine;
using System.Globalization;
using GanWatch.Cli;
using GanWatch.Engine.Devices;
using GanWatch.Evaluation.Data;
using GanWatch.Evaluation.Nab;
using GanWatch.Evaluation.Reports;
using GanWatch.Evaluation.Runs;
using GanWatch.Evaluation.Smd;
using Spectre.Console;

namespace GanWatch.Commands;

/// <summary><c>ganwatch evaluate nab|smd|kdd99</c>: runs the GAN detector on a labelled benchmark and prints its scores.</summary>
internal static partial class EvaluateCommand
{
    private const string DetectorName = "ganwatch";

    public static Command Create()
    {
        var command = new Command("evaluate", "Score the GAN detector on a labelled benchmark (NAB, SMD or KDD99).");
        command.Subcommands.Add(CreateNab());
        command.Subcommands.Add(CreateSmd());
        command.Subcommands.Add(CreateKdd99());
        return command;
    }

    private static Command CreateNab()
    {
        var defaults = new NabGanRunOptions();
        var data = new Option<string>("--data") { Description = "NAB folder that contains data/ and labels/.", Required = true };
        var output = new Option<string?>("--out") { Description = "Results folder; writes <out>/ganwatch/<category>/ganwatch_<file>.csv in NAB's format." };
        var window = new Option<int>("--window") { Description = "Window length in rows.", DefaultValueFactory = _ => defaults.WindowLength };
        var latent = new Option<int>("--latent") { Description = "Size of the latent vector z.", DefaultValueFactory = _ => defaults.LatentSize };
        var width = new Option<int>("--width") { Description = "Base feature-map count of the generator, critic and encoder.", DefaultValueFactory = _ => defaults.Width };
        var steps = new Option<int>("--steps") { Description = "Generator steps on each series' probation rows.", DefaultValueFactory = _ => defaults.Steps };
        var encoderSteps = new Option<int>("--encoder-steps") { Description = "Encoder training steps.", DefaultValueFactory = _ => defaults.EncoderSteps };
        var inversion = new Option<int>("--inversion-steps") { Description = "Adam steps on z per scored window; 0 uses the encoder alone.", DefaultValueFactory = _ => defaults.InversionSteps };
        var signal = new Option<GanScoreSignal>("--signal") { Description = "Raw signal for the likelihood: Window (window score), LastPoint (residual of the newest row) or Sum.", DefaultValueFactory = _ => defaults.Signal };
        var zScore = new Option<int>("--zscore-window") { Description = "Rows of a rolling z-score of the value whose likelihood is combined with the GAN's (maximum); 0 turns it off.", DefaultValueFactory = _ => defaults.ZScoreWindow };
        var spatial = new Option<double>("--spatial-tolerance") { Description = "Score 1 when a value leaves the range seen so far by more than this share of it (NAB's HTM detector uses 0.05); 0 turns it off.", DefaultValueFactory = _ => defaults.SpatialTolerance };
        var fineTune = new Option<bool>("--fine-tune") { Description = "Every --fine-tune-interval rows, fine-tune a copy of each model on its buffered normal windows as the daemon does; only a copy that passes the validation gate scores the later rows." };
        var interval = new Option<int>("--fine-tune-interval") { Description = "Rows between fine-tuning runs when --fine-tune is set.", DefaultValueFactory = _ => 500 };
        var fineTuneSteps = new Option<int>("--fine-tune-steps") { Description = "Generator and encoder steps of each fine-tuning run.", DefaultValueFactory = _ => defaults.FineTuneSteps };
        var refractory = new Option<int>("--refractory") { Description = "Rows after a detection during which lower scores are set to 0; 0 turns it off.", DefaultValueFactory = _ => defaults.RefractoryRows };
        var ownThreshold = new Option<double>("--own-threshold") { Description = "Label-free detection level on NAB's log-likelihood scale, in (0, 1].", DefaultValueFactory = _ => defaults.OwnThreshold };
        var seed = new Option<long>("--seed") { Description = "Random seed.", DefaultValueFactory = _ => defaults.Seed };
        var threads = new Option<int>("--threads") { Description = "Torch CPU threads for the whole process.", DefaultValueFactory = _ => defaults.Threads };
        var parallel = new Option<int>("--parallel") { Description = "Series trained at once.", DefaultValueFactory = _ => defaults.MaxParallelism };
        var device = new Option<string>("--device") { Description = "Device: cpu, cuda, cuda:N or auto.", DefaultValueFactory = _ => "cpu" };
        var report = CreateReportOption("NAB series");

        var command = new Command("nab", "Train one GAN per NAB series on its probation rows, score every row causally and print NAB scores.");
        foreach (Option option in new Option[] { data, output, window, latent, width, steps, encoderSteps, inversion, signal, zScore, spatial, fineTune, interval, fineTuneSteps, refractory, ownThreshold, seed, threads, parallel, device, report })
        {
            command.Options.Add(option);
        }

        command.SetAction((result, cancellationToken) =>
        {
            var options = new NabGanRunOptions
            {
                WindowLength = result.GetValue(window),
                LatentSize = result.GetValue(latent),
                Width = result.GetValue(width),
                Steps = result.GetValue(steps),
                EncoderSteps = result.GetValue(encoderSteps),
                InversionSteps = result.GetValue(inversion),
                Signal = result.GetValue(signal),
                ZScoreWindow = result.GetValue(zScore),
                SpatialTolerance = result.GetValue(spatial),
                FineTuneInterval = result.GetValue(fineTune) ? result.GetValue(interval) : 0,
                FineTuneSteps = result.GetValue(fineTuneSteps),
                RefractoryRows = result.GetValue(refractory),
                OwnThreshold = result.GetValue(ownThreshold),
                Seed = result.GetValue(seed),
                Threads = result.GetValue(threads),
                MaxParallelism = result.GetValue(parallel),
            };
            return Task.FromResult(RunNab(result.GetRequiredValue(data), result.GetValue(output), result.GetValue(report), options, result.GetValue(device) ?? "cpu", cancellationToken));
        });
        return command;
    }

    private static int RunNab(string folder, string? output, string? reportFolder, NabGanRunOptions options, string deviceName, CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetUtcNow();
        long startedTimestamp = TimeProvider.System.GetTimestamp();
        try
        {
            options.ThrowIfInvalid();
            var corpus = NabCorpus.Load(folder);
            var device = DeviceSelector.Resolve(deviceName);
            Console.Error.WriteLine($"Scoring {corpus.Series.Count} NAB series with {options.MaxParallelism} worker(s) and {options.Threads} torch thread(s).");
            var run = NabGanRun.Run(corpus, options, device, new SeriesPrinter(), cancellationToken: cancellationToken);
            if (output is not null)
            {
                NabGanRun.WriteResults(run, output, DetectorName);
                Console.Error.WriteLine($"Wrote {run.Series.Count} results files under {Path.GetFullPath(Path.Combine(output, DetectorName))}.");
            }

            PrintNab(AnsiConsole.Console, run);
            if (reportFolder is not null)
            {
                var info = new ReportRunInfo(ReportRunInfo.CurrentCommandLine(), started, TimeProvider.System.GetElapsedTime(startedTimestamp), ReportRunInfo.DescribeMachine());
                var summary = ReportWriter.WriteNab(reportFolder, run, info, CapturePrinted(console => PrintNab(console, run)));
                Console.Error.WriteLine($"Wrote the report {Path.GetFullPath(summary)} with {run.Series.Count} plots.");
            }

            return ExitCodes.Success;
        }
        catch (Exception ex) when (ex is DataFormatException or ArgumentException or IOException)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.InvalidInput;
        }
    }

    private static void PrintNab(IAnsiConsole console, NabRunResult run)
    {
        var table = new Table().Title("NAB scores (100 = perfect, 0 = never fires)");
        table.AddColumns("profile", "best corpus-wide threshold (sweep, uses labels)", "threshold", $"own level {run.OwnThreshold.ToString(CultureInfo.InvariantCulture)} (label-free)");
        for (int i = 0; i < run.SweptScores.Count; i++)
        {
            var swept = run.SweptScores[i];
            var own = run.OwnThresholdScores[i];
            table.AddRow(
                swept.Profile.Name,
                swept.NormalizedScore.ToString("F1", CultureInfo.InvariantCulture),
                (swept.Threshold ?? double.NaN).ToString("F3", CultureInfo.InvariantCulture),
                own.NormalizedScore.ToString("F1", CultureInfo.InvariantCulture));
        }

        console.Write(table);
        var standard = run.SweptScores[0];
        console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"standard sweep: {standard.DetectedWindows} windows detected, {standard.MissedWindows} missed, {standard.FalsePositiveRows} false-positive rows. Wall time {run.Elapsed.TotalSeconds:F0} s."));
        int runs = run.Series.Sum(series => series.RawScores.FineTuneRuns);
        if (runs > 0)
        {
            int accepted = run.Series.Sum(series => series.RawScores.FineTuneAccepted);
            int rejected = run.Series.Sum(series => series.RawScores.FineTuneRejected);
            console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"fine-tuning: {runs} runs, {accepted} accepted, {rejected} rejected by the validation gate, {runs - accepted - rejected} skipped for too few buffered windows."));
        }
    }

    private static Command CreateSmd()
    {
        var defaults = new SmdGanRunOptions();
        var data = new Option<string>("--data") { Description = "SMD folder that contains train/, test/, test_label/ and interpretation_label/.", Required = true };
        var window = new Option<int>("--window") { Description = "Window length in rows.", DefaultValueFactory = _ => defaults.WindowLength };
        var width = new Option<int>("--width") { Description = "Base feature-map count of the generator, critic and encoder.", DefaultValueFactory = _ => defaults.Width };
        var steps = new Option<int>("--steps") { Description = "Generator steps per machine; the encoder gets as many.", DefaultValueFactory = _ => defaults.Steps };
        var stride = new Option<int>("--stride") { Description = "Rows between the starts of training windows.", DefaultValueFactory = _ => defaults.TrainingStride };
        var quantile = new Option<double>("--quantile") { Description = "Quantile of held-out train scores used as the threshold.", DefaultValueFactory = _ => defaults.Quantile };
        var seed = new Option<long>("--seed") { Description = "Random seed.", DefaultValueFactory = _ => defaults.Seed };
        var threads = new Option<int>("--threads") { Description = "Torch CPU threads for the whole process.", DefaultValueFactory = _ => defaults.Threads };
        var report = CreateReportOption("SMD machine");

        var command = new Command("smd", "Train one multichannel GAN per SMD machine, score its test file causally and print point-wise and point-adjusted metrics.");
        foreach (Option option in new Option[] { data, window, width, steps, stride, quantile, seed, threads, report })
        {
            command.Options.Add(option);
        }

        command.SetAction((result, cancellationToken) =>
        {
            var options = new SmdGanRunOptions
            {
                WindowLength = result.GetValue(window),
                Width = result.GetValue(width),
                Steps = result.GetValue(steps),
                EncoderSteps = result.GetValue(steps),
                TrainingStride = result.GetValue(stride),
                Quantile = result.GetValue(quantile),
                Seed = result.GetValue(seed),
                Threads = result.GetValue(threads),
            };
            return Task.FromResult(RunSmd(result.GetRequiredValue(data), result.GetValue(report), options, cancellationToken));
        });
        return command;
    }

    private static int RunSmd(string folder, string? reportFolder, SmdGanRunOptions options, CancellationToken cancellationToken)
    {
        var startedUtc = TimeProvider.System.GetUtcNow();
        try
        {
            options.ThrowIfInvalid();
            long started = TimeProvider.System.GetTimestamp();
            var results = new List<SmdMachineResult>();
            foreach (string name in SmdGanRun.FindMachines(folder))
            {
                var machine = SmdMachine.Load(folder, name);
                var result = SmdGanRun.RunMachine(machine, options, cancellationToken: cancellationToken);
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name}: {machine.Train.RowCount} train rows, {machine.Test.RowCount} test rows, {result.Elapsed.TotalSeconds:F1} s"));
                results.Add(result);
                if (reportFolder is not null)
                {
                    ReportWriter.WriteSmdPlot(reportFolder, machine, result);
                }
            }

            var elapsed = TimeProvider.System.GetElapsedTime(started);
            PrintSmd(AnsiConsole.Console, results, options.Quantile, elapsed);
            if (reportFolder is not null)
            {
                var info = new ReportRunInfo(ReportRunInfo.CurrentCommandLine(), startedUtc, elapsed, ReportRunInfo.DescribeMachine());
                var summary = ReportWriter.WriteSmdSummary(reportFolder, results, info, CapturePrinted(console => PrintSmd(console, results, options.Quantile, elapsed)));
                Console.Error.WriteLine($"Wrote the report {Path.GetFullPath(summary)} with {results.Count} plots.");
            }

            return ExitCodes.Success;
        }
        catch (Exception ex) when (ex is DataFormatException or ArgumentException or IOException)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.InvalidInput;
        }
    }

    private static void PrintSmd(IAnsiConsole console, IReadOnlyList<SmdMachineResult> results, double quantile, TimeSpan elapsed)
    {
        string level = quantile.ToString(CultureInfo.InvariantCulture);
        var table = new Table().Title($"SMD, threshold at the {level} quantile of held-out train scores (label-free)");
        table.AddColumns("machine", "precision", "recall", "F1", "PA-F1", "HitRate@100%", "HitRate@150%", "best F1 (uses labels)");
        foreach (var result in results)
        {
            table.AddRow(result.Machine, F(result.PointWise.Precision), F(result.PointWise.Recall), F(result.PointWise.F1), F(result.PointAdjusted.F1), F(result.HitRate100), F(result.HitRate150), F(result.BestF1));
        }

        table.AddRow(
            "mean",
            F(results.Average(r => r.PointWise.Precision)),
            F(results.Average(r => r.PointWise.Recall)),
            F(results.Average(r => r.PointWise.F1)),
            F(results.Average(r => r.PointAdjusted.F1)),
            F(results.Average(r => r.HitRate100)),
            F(results.Average(r => r.HitRate150)),
            F(results.Average(r => r.BestF1)));
        console.Write(table);
        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Wall time {elapsed.TotalSeconds:F0} s."));
    }

    private static Option<string?> CreateReportOption(string item) =>
        new("--report") { Description = $"Report folder; writes <report>/summary.md and a PNG plot per {item} under <report>/plots/." };

    /// <summary>Returns what <paramref name="print"/> writes, without colours, at the width of the real console.</summary>
    private static string CapturePrinted(Action<IAnsiConsole> print)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Out = new AnsiConsoleOutput(writer) });
        console.Profile.Width = AnsiConsole.Profile.Width;
        print(console);
        return writer.ToString();
    }

    private static string F(double value) => value.ToString("F3", CultureInfo.InvariantCulture);

    private sealed class SeriesPrinter : IProgress<NabSeriesResult>
    {
        private readonly Lock gate = new();

        public void Report(NabSeriesResult value)
        {
            lock (gate)
            {
                Console.Error.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"  {value.Series.RelativePath}: {value.Series.Data.RowCount} rows, {value.Elapsed.TotalSeconds:F1} s, max score {value.AnomalyScores.Max():F3}"));
            }
        }
    }
}
