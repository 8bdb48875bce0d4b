namespace GanWatch.Tests.Support;

/// <summary>One sd_notify datagram: newline-separated <c>KEY=value</c> assignments, and when it arrived.</summary>
public sealed record NotifyMessage(TimeSpan At, string Text)
{
    /// <summary>Whether the message assigns <paramref name="assignment"/> (for example <c>READY=1</c>) on a line of its own.</summary>
    public bool Has(string assignment) => Text.Split('\n').Contains(assignment, StringComparer.Ordinal);

    /// <summary>Returns the value of <c>STATUS=</c>, or null when the message has none.</summary>
    public string? Status => Text.Split('\n').FirstOrDefault(line => line.StartsWith("STATUS=", StringComparison.Ordinal))?["STATUS=".Length..];
}
