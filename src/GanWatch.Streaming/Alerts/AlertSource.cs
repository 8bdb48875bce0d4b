namespace GanWatch.Streaming.Alerts;

/// <summary>Position of an input record.</summary>
public sealed record AlertSource(string Topic, int Partition, long Offset);
