namespace GanWatch.Evaluation.Runs;

/// <summary>The part of a GAN window score that feeds the anomaly likelihood of a row.</summary>
public enum GanScoreSignal
{
    /// <summary>The window score: (1 - lambda) * mean |x - G(z)| + lambda * critic-feature distance, over the whole window.</summary>
    Window,

    /// <summary>|x - G(z)| at the last step of the window, which is the newest row, so it reacts to a new point at once.</summary>
    LastPoint,

    /// <summary>The sum of <see cref="Window"/> and <see cref="LastPoint"/>.</summary>
    Sum,
}
