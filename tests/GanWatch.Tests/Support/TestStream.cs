using System.Globalization;
using System.Text;

namespace GanWatch.Tests.Support;

/// <summary>
/// Builds input records: clean sine series with spikes, one point per minute, interleaved round-robin across series,
/// each series on partition <c>series index % partitions</c>, plus bad records that must be dead-lettered.
/// </summary>
public static class TestStream
{
    /// <summary>Timestamp of row 0 of every series.</summary>
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Returns the id of series <paramref name="index"/>.</summary>
    public static string SeriesId(int index) => "sine-" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Returns rows <paramref name="firstRow"/> up to <paramref name="endRow"/> (exclusive) of <paramref name="seriesCount"/>
    /// series, interleaved. A row is a spike when <paramref name="isSpike"/> returns true for its series index and row.
    /// </summary>
    public static List<StreamRecord> Sine(int seriesCount, int partitions, int firstRow, int endRow, Func<int, int, bool> isSpike)
    {
        var records = new List<StreamRecord>(seriesCount * (endRow - firstRow));
        for (int row = firstRow; row < endRow; row++)
        {
            for (int series = 0; series < seriesCount; series++)
            {
                bool spike = isSpike(series, row);
                float value = SineSignal.Value(row, shift: 7 * series) + (spike ? TrainedModelFixture.SpikeHeight : 0f);
                records.Add(Good(series, partitions, row, value, spike));
            }
        }

        return records;
    }

    /// <summary>
    /// Returns one record per value of series <paramref name="series"/>, row i holding <paramref name="values"/>[i], for
    /// streams that are not a clean sine. Rows for which <paramref name="isSpike"/> returns true are marked as spikes.
    /// </summary>
    public static List<StreamRecord> Values(int series, int partitions, IReadOnlyList<float> values, Func<int, bool> isSpike) =>
        Enumerable.Range(0, values.Count).Select(row => Good(series, partitions, row, values[row], isSpike(row))).ToList();

    /// <summary>
    /// Spikes every <paramref name="spacing"/> rows from row <paramref name="first"/>, shifted by 23 rows per series so
    /// series do not spike together. Spikes are far enough apart for the previous episode to close.
    /// </summary>
    public static Func<int, int, bool> PeriodicSpikes(int first = 60, int spacing = 150) =>
        (series, row) => row >= first + (23 * series) && (row - first - (23 * series)) % spacing == 0;

    /// <summary>
    /// Inserts one bad record of each kind for series 0 after its row <paramref name="afterRow"/>, each with the reason
    /// code the daemon must put in the <c>ganwatch-reason</c> header.
    /// </summary>
    public static void InsertBadRecords(List<StreamRecord> records, int partitions, int afterRow)
    {
        string series = SeriesId(0);
        int index = records.FindIndex(r => r.Series == series && r.Row == afterRow && r.RejectReason is null);
        if (index < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(afterRow), afterRow, $"Series '{series}' has no row {afterRow} in these records.");
        }

        byte[] key = Encoding.UTF8.GetBytes(series);
        string last = Timestamp(afterRow);
        string earlier = Timestamp(afterRow - 5);
        StreamRecord Bad(byte[]? recordKey, string json, string reason) =>
            new(series, -1, 0 % partitions, recordKey, Encoding.UTF8.GetBytes(json), false, reason);

        records.InsertRange(index + 1,
        [
            Bad(key, "{\"ts\": \"" + last + "\", \"value\": ", "invalid_json"),
            Bad(key, "[1, 2, 3]", "invalid_json"),
            Bad(key, "{\"ts\": \"" + last + "\", \"value\": \"high\"}", "non_numeric_value"),
            Bad(key, "{\"ts\": \"yesterday\", \"value\": 0.5}", "invalid_timestamp"),
            Bad(key, "{\"ts\": \"" + last + "\"}", "missing_value"),
            Bad(null, "{\"ts\": \"" + last + "\", \"value\": 0.5}", "missing_series"),
            Bad(key, "{\"ts\": \"" + earlier + "\", \"value\": 0.5}", "out_of_order"),
            Bad(key, "{\"ts\": \"" + last + "\", \"value\": 0.5}", "duplicate_timestamp"),
            Bad(key, "{\"ts\": \"" + last + "\", \"values\": [0.5, 0.5]}", "channel_mismatch"),
        ]);
    }

    private static StreamRecord Good(int series, int partitions, int row, float value, bool spike)
    {
        string id = SeriesId(series);
        string json = string.Create(CultureInfo.InvariantCulture, $"{{\"ts\":\"{Timestamp(row)}\",\"value\":{value:R}}}");
        return new StreamRecord(id, row, series % partitions, Encoding.UTF8.GetBytes(id), Encoding.UTF8.GetBytes(json), spike, null);
    }

    private static string Timestamp(int row) =>
        Start.AddMinutes(row).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
