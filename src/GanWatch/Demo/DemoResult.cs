using Confluent.Kafka;
using GanWatch.Evaluation.Nab;
using GanWatch.Streaming.Alerts;
using GanWatch.Streaming.Diagnostics;

namespace GanWatch.Demo;

/// <summary>What one demo run observed: the alerts read back, the daemon's counters and the timings.</summary>
internal sealed class DemoResult(
    DemoPlan plan,
    TopicPartitionOffset[] positions,
    IReadOnlyList<Alert> alerts,
    StreamCounters counters,
    int recordsProduced,
    TimeSpan trainingTime,
    TimeSpan processingTime,
    int windowLength)
{
    public DemoPlan Plan => plan;

    public IReadOnlyList<Alert> Alerts => alerts;

    public StreamCounters Counters => counters;

    public int RecordsProduced => recordsProduced;

    public TimeSpan TrainingTime => trainingTime;

    public TimeSpan ProcessingTime => processingTime;

    /// <summary>Records per second from the daemon's start to its last record.</summary>
    public double Throughput => recordsProduced / Math.Max(processingTime.TotalSeconds, 1e-9);

    /// <summary>Distinct alert ids; a re-delivered record would repeat an id, never add one.</summary>
    public int DistinctAlertIds => alerts.Select(a => a.AlertId).Distinct(StringComparer.Ordinal).Count();

    /// <summary>Returns the replayed record (series and row) that raised each alert, found by its source position.</summary>
    public IReadOnlyList<(Alert Alert, DemoRecord Record)> AlertRecords()
    {
        var byPosition = new Dictionary<(int Partition, long Offset), int>();
        for (int i = 0; i < positions.Length; i++)
        {
            byPosition[(positions[i].Partition.Value, positions[i].Offset.Value)] = i;
        }

        return alerts
            .Where(a => byPosition.ContainsKey((a.Source.Partition, a.Source.Offset)))
            .Select(a => (a, plan.Records[byPosition[(a.Source.Partition, a.Source.Offset)]]))
            .ToList();
    }

    /// <summary>
    /// For the synthetic stream: injected anomalies with at least one alert on a window that contains part of them, and
    /// alerts on windows that contain no injected anomaly.
    /// </summary>
    public (int Detected, int Injected, int FalseAlerts) SyntheticHits()
    {
        SyntheticStream stream = plan.Synthetic ?? throw new InvalidOperationException("This run replayed NAB, not the synthetic stream.");
        var hit = new HashSet<InjectedAnomaly>();
        int falseAlerts = 0;
        foreach ((Alert _, DemoRecord record) in AlertRecords())
        {
            // A window ending at row r covers rows r - L + 1 .. r.
            InjectedAnomaly? match = stream.Anomalies.FirstOrDefault(a =>
                a.Series == record.Series && record.Row >= a.Start && record.Row - windowLength + 1 <= a.End);
            if (match is null)
            {
                falseAlerts++;
            }
            else
            {
                hit.Add(match);
            }
        }

        return (hit.Count, stream.Anomalies.Count, falseAlerts);
    }

    /// <summary>For NAB: the NAB score of the daemon's alerts, one detection per alerted row, for each profile.</summary>
    public IReadOnlyList<NabScore> NabScores()
    {
        NabCorpus corpus = plan.Nab ?? throw new InvalidOperationException("This run replayed the synthetic stream, not NAB.");
        var rows = corpus.Series.ToDictionary(DemoPlan.SeriesId, s => new bool[s.Data.RowCount], StringComparer.Ordinal);
        foreach ((Alert _, DemoRecord record) in AlertRecords())
        {
            rows[record.Series][record.Row] = true;
        }

        var detections = corpus.Series.Select(s => rows[DemoPlan.SeriesId(s)]).ToList();
        NabScorer scorer = NabScorer.ForCorpus(corpus);
        return NabProfile.All.Select(profile => scorer.ScoreDetections(detections, profile)).ToList();
    }
}
