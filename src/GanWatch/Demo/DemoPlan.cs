using GanWatch.Evaluation.Nab;

namespace GanWatch.Demo;

/// <summary>What the demo replays: the series and their models, the records in replay order, and how to judge alerts.</summary>
internal sealed class DemoPlan
{
    private DemoPlan(IReadOnlyList<DemoSeries> series, IReadOnlyList<DemoRecord> records, SyntheticStream? synthetic, NabCorpus? nab)
    {
        Series = series;
        Records = records;
        Synthetic = synthetic;
        Nab = nab;
    }

    public IReadOnlyList<DemoSeries> Series { get; }

    public IReadOnlyList<DemoRecord> Records { get; }

    /// <summary>The synthetic stream with its injected anomalies, when the demo replays synthetic series.</summary>
    public SyntheticStream? Synthetic { get; }

    /// <summary>The NAB corpus with its labels, when the demo replays NAB.</summary>
    public NabCorpus? Nab { get; }

    /// <summary>Builds the synthetic plan: one shared model for every series, trained on clean history before the replay.</summary>
    public static DemoPlan ForSynthetic(DemoSettings settings, string workDirectory)
    {
        SyntheticStream stream = SyntheticStream.Create(settings.SeriesCount, settings.Points, trainingLength: 1500, settings.Seed);
        string model = settings.ModelDirectory ?? Path.Combine(workDirectory, "models", "synthetic");
        var series = stream.Training
            .Select(pair => new DemoSeries(pair.Key, Array.ConvertAll(pair.Value, v => (float)v), model))
            .ToList();
        var records = stream.Points
            .Select(p => new DemoRecord(p.Series, p.Index, p.Timestamp, (float)p.Value))
            .ToList();
        return new DemoPlan(series, records, stream, null);
    }

    /// <summary>
    /// Builds the NAB plan: one model per series, trained on the series' probation rows only (the first min(15 %, 750)
    /// rows, which NAB does not score), and every row replayed in time order across series.
    /// </summary>
    public static DemoPlan ForNab(string folder, string workDirectory)
    {
        NabCorpus corpus = NabCorpus.Load(folder);
        var series = new List<DemoSeries>();
        var records = new List<DemoRecord>();
        foreach (NabSeries nab in corpus.Series)
        {
            string id = SeriesId(nab);
            float[] values = nab.Data.GetChannel(0);
            int probation = NabScoring.ProbationRows(values.Length);
            string model = Path.Combine(workDirectory, "models", id.Replace('/', '_'));
            series.Add(new DemoSeries(id, values[..probation], model));

            DateTime[] timestamps = nab.Data.Timestamps
                ?? throw new InvalidDataException($"NAB series '{nab.RelativePath}' has no timestamp column.");
            for (int row = 0; row < values.Length; row++)
            {
                var timestamp = new DateTimeOffset(DateTime.SpecifyKind(timestamps[row], DateTimeKind.Utc));
                records.Add(new DemoRecord(id, row, timestamp, values[row]));
            }
        }

        // Stable sort: rows of one series keep their file order even where the file repeats a timestamp.
        var ordered = records.OrderBy(r => r.Timestamp).ToList();
        return new DemoPlan(series, ordered, null, corpus);
    }

    /// <summary>The series id (Kafka key) of a NAB file: its path under data/ without the extension.</summary>
    public static string SeriesId(NabSeries series) =>
        series.RelativePath.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? series.RelativePath[..^4] : series.RelativePath;
}
