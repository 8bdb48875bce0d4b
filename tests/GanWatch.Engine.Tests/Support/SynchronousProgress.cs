namespace GanWatch.Engine.Tests.Support;

/// <summary>An <see cref="IProgress{T}"/> that appends each report to a list on the reporting thread (unlike Progress, which posts).</summary>
internal sealed class SynchronousProgress<T>(List<T> reports) : IProgress<T>
{
    public void Report(T value) => reports.Add(value);
}
