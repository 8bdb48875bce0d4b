namespace GanWatch.Streaming.Scoring;

/// <summary>
/// Receives every window the stream processor scores, with its raw values and verdict, for example to collect recent
/// normal windows for fine-tuning a model.
/// </summary>
/// <remarks>
/// The processor calls <see cref="OnWindowScored"/> on its scoring thread, once per window, in the order the windows
/// of each series were scored, after the window's threshold check. Implementations must return quickly, because
/// scoring waits for them. An exception is logged and counted in
/// <see cref="Diagnostics.StreamCounters.ScoredWindowSinkFailures"/>, and scoring continues.
/// </remarks>
public interface IScoredWindowSink
{
    /// <summary>Receives one scored window.</summary>
    /// <param name="model">The model that scored the window.</param>
    /// <param name="seriesId">The window's series.</param>
    /// <param name="window">
    /// Raw values laid out as [channels, length], oldest point first. Valid only during the call; copy what you keep.
    /// </param>
    /// <param name="score">The model's score of the window.</param>
    /// <param name="threshold">The series' threshold the score was compared with.</param>
    /// <param name="anomalous">Whether <paramref name="score"/> exceeded <paramref name="threshold"/>.</param>
    /// <param name="windowEnd">Record time of the window's newest point.</param>
    void OnWindowScored(IWindowModel model, string seriesId, ReadOnlySpan<float> window, double score, double threshold, bool anomalous,
        DateTimeOffset windowEnd);
}
