namespace GanWatch.Evaluation.Runs;

/// <summary>
/// Raw GAN scores of each row of a series, from the window that ends at the row. Rows before the first full window
/// score 0. All values are in normalised units (standard deviations of the training rows).
/// </summary>
/// <param name="Window">The window score of each row.</param>
/// <param name="LastPoint">|x - G(z)| at the row itself, the last step of its window.</param>
/// <param name="FineTuneRuns">The number of fine-tuning runs made while scoring, including those skipped for too few windows.</param>
/// <param name="FineTuneAccepted">The runs whose candidate passed the validation gate and scored the rows after it.</param>
/// <param name="FineTuneRejected">The runs whose candidate the validation gate rejected.</param>
public sealed record GanRowScores(double[] Window, double[] LastPoint, int FineTuneRuns, int FineTuneAccepted = 0, int FineTuneRejected = 0)
{
    /// <summary>Returns the chosen signal for every row.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="signal"/> is not a defined value.</exception>
    public double[] Select(GanScoreSignal signal) => signal switch
    {
        GanScoreSignal.Window => Window,
        GanScoreSignal.LastPoint => LastPoint,
        GanScoreSignal.Sum => Window.Zip(LastPoint, (window, last) => window + last).ToArray(),
        _ => throw new ArgumentOutOfRangeException(nameof(signal), signal, "Use Window, LastPoint or Sum."),
    };
}
