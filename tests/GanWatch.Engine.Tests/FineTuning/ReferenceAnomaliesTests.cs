using GanWatch.Engine.Data;
using GanWatch.Engine.FineTuning;
using GanWatch.Engine.Normalization;

namespace GanWatch.Engine.Tests.FineTuning;

public class ReferenceAnomaliesTests
{
    private const int Length = 32;

    [Fact]
    public void Create_GivesEachKindInOrder()
    {
        var normals = Ramps(count: 10, channels: 2);
        var scale = new Normalizer([0f, 0f], [0.5f, 2f]);

        var anomalies = ReferenceAnomalies.Create(normals, scale, perKind: 6, seed: 3);

        Assert.Equal(24, anomalies.Count);
        Assert.Equal(2, anomalies.Channels);
        for (int i = 0; i < anomalies.Count; i++)
        {
            var kind = ReferenceAnomalies.Kinds[i / 6];
            Assert.True(LooksLike(anomalies, i, kind, scale), $"Window {i} does not show a {kind}.");
        }
    }

    [Fact]
    public void Create_SameSeedSameWindows()
    {
        var normals = Ramps(count: 10, channels: 1);
        var scale = new Normalizer([0f], [1f]);

        var first = ReferenceAnomalies.Create(normals, scale, perKind: 5, seed: 4);
        var second = ReferenceAnomalies.Create(normals, scale, perKind: 5, seed: 4);
        var other = ReferenceAnomalies.Create(normals, scale, perKind: 5, seed: 5);

        Assert.Equal(first.Values, second.Values);
        Assert.NotEqual(first.Values, other.Values);
    }

    [Fact]
    public void Create_RejectsEmptyOrMismatchedWindows()
    {
        var scale = new Normalizer([0f], [1f]);

        Assert.Throws<ArgumentException>(() => ReferenceAnomalies.Create(new WindowBatch([], 0, 1, Length), scale, 1, 1));
        Assert.Throws<ArgumentException>(() => ReferenceAnomalies.Create(Ramps(2, channels: 2), scale, 1, 1));
    }

    /// <summary>Windows whose channel c at step t is t + 100 c + 1000 i, so every change is visible as a broken ramp.</summary>
    private static WindowBatch Ramps(int count, int channels)
    {
        var values = new float[count * channels * Length];
        for (int i = 0; i < count; i++)
        {
            for (int c = 0; c < channels; c++)
            {
                for (int t = 0; t < Length; t++)
                {
                    values[(((i * channels) + c) * Length) + t] = t + (100 * c) + (1000 * i);
                }
            }
        }

        return new WindowBatch(values, count, channels, Length);
    }

    private static bool LooksLike(WindowBatch windows, int index, ReferenceAnomalyKind kind, Normalizer scale)
    {
        var changed = new List<(int Channel, int Step, float Delta)>();
        for (int c = 0; c < windows.Channels; c++)
        {
            // Anomalies move values by far less than 500, so each step still identifies the ramp (source window) it came from.
            int source = Enumerable.Range(0, Length)
                .GroupBy(t => (int)Math.Round((windows[index, c, t] - t - (100 * c)) / 1000))
                .MaxBy(group => group.Count())!.Key;
            for (int t = 0; t < Length; t++)
            {
                float expected = t + (100 * c) + (1000 * source);
                if (windows[index, c, t] != expected)
                {
                    changed.Add((c, t, windows[index, c, t] - expected));
                }
            }
        }

        if (changed.Count == 0 || changed.Select(change => change.Channel).Distinct().Count() != 1)
        {
            return false;
        }

        float sigma = scale.Scale(changed[0].Channel);
        return kind switch
        {
            ReferenceAnomalyKind.Spike => changed.Count == 1 && Math.Abs(changed[0].Delta) is var d && d >= 4 * sigma && d <= 8 * sigma,
            ReferenceAnomalyKind.LevelShift => changed[^1].Step == Length - 1 && changed.Select(change => change.Delta).Distinct().Count() == 1
                && Math.Abs(changed[0].Delta) >= 2 * sigma && changed.Count <= (3 * Length / 4) + 1,
            ReferenceAnomalyKind.NoiseBurst => changed.Count <= Length / 4 && changed[^1].Step - changed[0].Step < Length / 4,
            ReferenceAnomalyKind.FlatLine => changed.Count == (Length / 2) - 1 && changed.Select(change => change.Step).Distinct().Count() == (Length / 2) - 1
                && changed.All(change => change.Delta < 0),
            _ => false,
        };
    }
}
