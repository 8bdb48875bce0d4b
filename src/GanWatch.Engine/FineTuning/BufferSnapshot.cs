using GanWatch.Engine.Data;

namespace GanWatch.Engine.FineTuning;

/// <summary>A copy of the windows in a <see cref="NormalWindowBuffer"/>, in order of window end time.</summary>
/// <param name="Windows">The raw windows; the batch may be empty.</param>
/// <param name="From">End time of the earliest window; <see cref="DateTimeOffset.MinValue"/> when the batch is empty.</param>
/// <param name="To">End time of the latest window; <see cref="DateTimeOffset.MinValue"/> when the batch is empty.</param>
public sealed record BufferSnapshot(WindowBatch Windows, DateTimeOffset From, DateTimeOffset To);
