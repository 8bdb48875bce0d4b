using System.Globalization;
using Confluent.Kafka;
using GanWatch.Streaming.Records;
using Prometheus;

namespace GanWatch.Metrics;

/// <summary>Copies stream totals, consumer lag and model facts into the metrics just before each scrape.</summary>
internal sealed partial class GanWatchMetrics
{
    private void UpdateBeforeScrape()
    {
        // IncTo never lowers a counter, so a scrape that overlaps an update cannot make a total step back.
        _recordsConsumed.IncTo(_counters.RecordsConsumed);
        _recordsReplayed.IncTo(_counters.RecordsReplayed);
        _warmUpRecords.IncTo(_counters.WarmUpRecords);
        _windowsScored.IncTo(_counters.WindowsScored);
        _alerts.IncTo(_counters.Alerts);
        _suppressedWindows.IncTo(_counters.SuppressedWindows);
        _outOfOrder.IncTo(_counters.OutOfOrder);
        _duplicates.IncTo(_counters.Duplicates);
        _pauses.IncTo(_counters.Pauses);
        _pendingWindows.Set(_counters.PendingWindows);
        foreach (RejectReason reason in RejectReasonCodes.All)
        {
            _deadLetters.WithLabels(reason.ToCode()).IncTo(_counters.DeadLettersFor(reason));
        }

        foreach ((string field, long count) in _counters.UnseenCategories())
        {
            _unseenCategories.WithLabels(field).IncTo(count);
        }

        UpdateLag();
        UpdateModels();
    }

    private void UpdateLag()
    {
        var current = new HashSet<(string, string)>();
        foreach ((TopicPartition partition, long records) in _counters.ConsumerLag.Snapshot())
        {
            string partitionLabel = partition.Partition.Value.ToString(CultureInfo.InvariantCulture);
            current.Add((partition.Topic, partitionLabel));
            _consumerLag.WithLabels(partition.Topic, partitionLabel).Set(records);
        }

        RemoveStale(_consumerLag, current);
    }

    private void UpdateModels()
    {
        DateTimeOffset now = _time.GetUtcNow();
        var current = new HashSet<(string, string)>();
        foreach (LoadedModel model in _models())
        {
            current.Add((model.Name, model.Version));
            _modelInfo.WithLabels(model.Name, model.Version).Set(1);
            _modelAge.WithLabels(model.Name, model.Version).Set((now - model.CreatedAt).TotalSeconds);
            _modelThreshold.WithLabels(model.Name, model.Version).Set(model.Threshold);
        }

        RemoveStale(_modelInfo, current);
        RemoveStale(_modelAge, current);
        RemoveStale(_modelThreshold, current);
    }

    /// <summary>Removes the series of <paramref name="gauge"/> whose two labels are not in <paramref name="current"/>, such as an unloaded model's.</summary>
    private static void RemoveStale(Gauge gauge, HashSet<(string, string)> current)
    {
        foreach (string[] labels in gauge.GetAllLabelValues().ToList())
        {
            if (!current.Contains((labels[0], labels[1])))
            {
                gauge.RemoveLabelled(labels);
            }
        }
    }
}
