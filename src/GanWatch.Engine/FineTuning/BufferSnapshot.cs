using GanWatch.Engine.Data;

namespace GanWatch.Engine.FineTuning;

/// <summary>A copy of the windows in a <see cref="NormalWindowBuffer"/>, in order of window end time.</summary>
/// <param name="Windows">The raw windows; the batch may be empty.</param>
/// <param name="From">End time of the earliest window; <see cref="DateTimeOffset.MinValue"/> when the batch is empty.</param>
/// <param name="To">End time of the latest window; <see cref="DateTimeOffset.MinValue"/> when the batch is empty.</param>
/// <param name="CalibrationOnly">
/// One flag per window: true for a normal window that scored above the admission margin, which <see cref="FineTuner"/>
/// uses for calibration and validation but never trains on. Null means every window may be trained on.
/// </param>
public sealed record BufferSnapshot(WindowBatch Windows, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<bool>? CalibrationOnly = null);
