using System.Globalization;
using GanWatch.Engine.Training;

namespace GanWatch.Cli;

/// <summary>Writes one line per training progress report: phase, step, losses, Wasserstein estimate and time left.</summary>
internal sealed class TrainingProgressPrinter(TextWriter writer) : IProgress<TrainingProgress>
{
    public void Report(TrainingProgress value)
    {
        string losses = value.Phase == TrainingPhase.Encoder
            ? string.Create(CultureInfo.InvariantCulture, $"encoder_loss={value.EncoderLoss:F4}")
            : string.Create(CultureInfo.InvariantCulture, $"critic_loss={value.CriticLoss:F4} generator_loss={value.GeneratorLoss:F4} wasserstein={value.WassersteinEstimate:F4}");
        writer.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{value.Phase,-11} step {value.Step,6}/{value.TotalSteps} {losses} elapsed={value.Elapsed:hh\\:mm\\:ss} eta={value.Remaining:hh\\:mm\\:ss}"));
    }
}
