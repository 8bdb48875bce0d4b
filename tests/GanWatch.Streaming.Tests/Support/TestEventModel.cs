using GanWatch.Streaming.Events;
using GanWatch.Streaming.Scoring;

namespace GanWatch.Streaming.Tests.Support;

/// <summary>
/// Test event model, not a GAN: numeric values are divided by 1000 (values of 1e30 and above cannot be encoded), each
/// categorical field encodes the values "tcp", "udp" and "1" plus an unseen column. A field's residual is its absolute
/// encoded number, or 5 for an unseen category; the score is the sum, against a fixed threshold.
/// </summary>
internal sealed class TestEventModel(string[] numeric, string[] categorical, double threshold = 4.0) : IEventModel
{
    private static readonly string[] Vocabulary = ["tcp", "udp", "1"];

    public string Version => "events-test-1";

    public int WindowLength => 1;

    public int Channels => numeric.Length + (categorical.Length * (Vocabulary.Length + 1));

    public IReadOnlyList<string> NumericFields => numeric;

    public IReadOnlyList<string> CategoricalFields => categorical;

    public IReadOnlyList<string> FeatureFields => [.. numeric, .. categorical];

    public bool TryEncode(EventRecord record, Span<float> destination, ICollection<string> unseenFields, out string? invalidField)
    {
        invalidField = null;
        destination.Clear();
        for (int i = 0; i < numeric.Length; i++)
        {
            if (Math.Abs(record.Numbers[i]) >= 1e30)
            {
                invalidField = numeric[i];
                return false;
            }

            destination[i] = (float)(record.Numbers[i] / 1000);
        }

        for (int c = 0; c < categorical.Length; c++)
        {
            int index = Array.IndexOf(Vocabulary, record.Categories[c]);
            if (index < 0)
            {
                unseenFields.Add(categorical[c]);
                index = Vocabulary.Length;
            }

            destination[numeric.Length + (c * (Vocabulary.Length + 1)) + index] = 1f;
        }

        return true;
    }

    public IReadOnlyList<WindowScore> Score(float[] windows, int count)
    {
        var scores = new WindowScore[count];
        for (int w = 0; w < count; w++)
        {
            ReadOnlySpan<float> encoded = windows.AsSpan(w * Channels, Channels);
            var residuals = new float[numeric.Length + categorical.Length];
            for (int i = 0; i < numeric.Length; i++)
            {
                residuals[i] = Math.Abs(encoded[i]);
            }

            for (int c = 0; c < categorical.Length; c++)
            {
                residuals[numeric.Length + c] = encoded[numeric.Length + (c * (Vocabulary.Length + 1)) + Vocabulary.Length] * 5f;
            }

            scores[w] = new WindowScore(residuals.Sum(), residuals);
        }

        return scores;
    }

    public ISeriesThreshold CreateThreshold() => new FixedThreshold(threshold);

    private sealed class FixedThreshold(double value) : ISeriesThreshold
    {
        public double Value => value;

        public void Observe(double score)
        {
        }
    }
}
