namespace GanWatch.Tests.Support;

/// <summary>One record a test produces into the input topic.</summary>
/// <param name="Series">Series id; also the Kafka key unless <paramref name="Key"/> is null.</param>
/// <param name="Row">Row of the series for good records; -1 for bad records.</param>
/// <param name="Partition">Input partition the record is produced to.</param>
/// <param name="Key">Kafka key bytes, or null for a record without a key.</param>
/// <param name="Value">Kafka value bytes.</param>
/// <param name="IsSpike">Whether the value is a spike that must alert.</param>
/// <param name="RejectReason">Expected <c>ganwatch-reason</c> of the dead letter for a bad record; null for a good one.</param>
public sealed record StreamRecord(string Series, int Row, int Partition, byte[]? Key, byte[] Value, bool IsSpike, string? RejectReason);
