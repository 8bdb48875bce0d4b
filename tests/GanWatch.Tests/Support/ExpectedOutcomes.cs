using System.Globalization;
using System.Text;
using Confluent.Kafka;
using GanWatch.Streaming.Alerts;
using GanWatch.Streaming.DeadLetters;

namespace GanWatch.Tests.Support;

/// <summary>
/// The outcome each produced record must have: an alert for every spike, no alert outside the windows that contain a
/// spike, and a dead letter with the right reason for every bad record.
/// </summary>
public sealed class ExpectedOutcomes
{
    private readonly Dictionary<string, string> _descriptions = new(StringComparer.Ordinal);
    private readonly HashSet<string> _spikeAlertIds = new(StringComparer.Ordinal);
    private readonly HashSet<string> _allowedAlertIds = new(StringComparer.Ordinal);
    private readonly Dictionary<(int Partition, long Offset), string> _deadLetterReasons = [];

    /// <param name="topic">Input topic.</param>
    /// <param name="records">Every produced record.</param>
    /// <param name="offsets">The offset of each record, from the delivery reports.</param>
    public ExpectedOutcomes(string topic, IReadOnlyList<StreamRecord> records, IReadOnlyList<long> offsets)
    {
        if (records.Count != offsets.Count)
        {
            throw new ArgumentException($"{records.Count} record(s) but {offsets.Count} offset(s); pass one offset per record.", nameof(offsets));
        }

        var idsByRow = new Dictionary<(string Series, int Row), string>();
        for (int i = 0; i < records.Count; i++)
        {
            StreamRecord record = records[i];
            if (record.RejectReason is not null)
            {
                _deadLetterReasons[(record.Partition, offsets[i])] = record.RejectReason;
                continue;
            }

            string id = AlertId.Compute(topic, record.Partition, offsets[i]);
            idsByRow[(record.Series, record.Row)] = id;
            _descriptions[id] = string.Create(CultureInfo.InvariantCulture, $"{record.Series} row {record.Row} ({record.Partition}/{offsets[i]})");
        }

        // Every window of the model's length that contains a spike may alert: those ending at the spike row and the
        // next WindowLength - 1 rows of the same series.
        foreach (StreamRecord spike in records.Where(r => r.IsSpike))
        {
            _spikeAlertIds.Add(idsByRow[(spike.Series, spike.Row)]);
            for (int row = spike.Row; row < spike.Row + SineSignal.WindowLength; row++)
            {
                if (idsByRow.TryGetValue((spike.Series, row), out string? id))
                {
                    _allowedAlertIds.Add(id);
                }
            }
        }
    }

    /// <summary>Alert ids of the spike records; each must alert.</summary>
    public IReadOnlySet<string> SpikeAlertIds => _spikeAlertIds;

    /// <summary>Alert ids of records whose window contains a spike; no other record may alert.</summary>
    public IReadOnlySet<string> AllowedAlertIds => _allowedAlertIds;

    /// <summary>Expected dead letters: the source partition and offset of each bad record, and its reason code.</summary>
    public IReadOnlyDictionary<(int Partition, long Offset), string> DeadLetterReasons => _deadLetterReasons;

    /// <summary>Returns the series, row and position behind an alert id, or the id itself when it is unknown.</summary>
    public string Describe(string alertId) => _descriptions.TryGetValue(alertId, out string? text) ? text : "unknown record " + alertId;

    /// <summary>Parses the records of the alert topic.</summary>
    public static List<Alert> ParseAlerts(IEnumerable<ConsumeResult<byte[]?, byte[]?>> records) =>
        records.Select(r => AlertSerializer.Deserialize(r.Message.Value)).ToList();

    /// <summary>Returns the source position and reason header of each dead letter, in topic order.</summary>
    public static List<(int Partition, long Offset, string Reason)> ParseDeadLetters(IEnumerable<ConsumeResult<byte[]?, byte[]?>> records) =>
        records.Select(r => (
            int.Parse(Header(r, DeadLetterHeaders.SourcePartition), CultureInfo.InvariantCulture),
            long.Parse(Header(r, DeadLetterHeaders.SourceOffset), CultureInfo.InvariantCulture),
            Header(r, DeadLetterHeaders.Reason)))
        .ToList();

    private static string Header(ConsumeResult<byte[]?, byte[]?> record, string name) =>
        record.Message.Headers.TryGetLastBytes(name, out byte[] value)
            ? Encoding.UTF8.GetString(value)
            : throw new InvalidOperationException($"Dead letter at {record.TopicPartitionOffset} has no '{name}' header.");
}
