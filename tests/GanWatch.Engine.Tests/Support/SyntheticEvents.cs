using GanWatch.Engine.Features;

namespace GanWatch.Engine.Tests.Support;

/// <summary>
/// Connection-like events with structure a model can learn: <c>bytes</c> is about twice <c>duration</c>, <c>load</c> is
/// uniform in [0, 10], and <c>service</c> depends on <c>protocol</c> (tcp: http or smtp, udp: dns, icmp: ping).
/// Outliers break one of these rules each.
/// </summary>
public static class SyntheticEvents
{
    /// <summary>The schema of the events: three numeric fields, two categorical ones and a pass-through id.</summary>
    public static FeatureSchema Schema(FeatureScaling scaling = FeatureScaling.Standard) => new()
    {
        Fields =
        [
            new FeatureField { Name = "duration", Kind = FeatureKind.Numeric, Scaling = scaling },
            new FeatureField { Name = "protocol", Kind = FeatureKind.Categorical },
            new FeatureField { Name = "bytes", Kind = FeatureKind.Numeric, Scaling = scaling },
            new FeatureField { Name = "service", Kind = FeatureKind.Categorical },
            new FeatureField { Name = "load", Kind = FeatureKind.Numeric, Scaling = scaling },
            new FeatureField { Name = "id", Kind = FeatureKind.PassThrough },
        ],
    };

    /// <summary>Returns <paramref name="count"/> normal events.</summary>
    public static List<FeatureRow> Normal(int count, int seed)
    {
        var random = new Random(seed);
        var rows = new List<FeatureRow>(count);
        for (int i = 0; i < count; i++)
        {
            double duration = Gaussian(random);
            double draw = random.NextDouble();
            (string protocol, string service) = draw < 0.7
                ? ("tcp", random.NextDouble() < 0.6 ? "http" : "smtp")
                : draw < 0.95 ? ("udp", "dns") : ("icmp", "ping");
            rows.Add(Row(duration, protocol, (2 * duration) + (0.1 * Gaussian(random)), service, 10 * random.NextDouble()));
        }

        return rows;
    }

    /// <summary>
    /// Returns <paramref name="count"/> outliers, cycling through four kinds: bytes against the duration rule, a service
    /// of another protocol, a load far out of range, and a protocol never seen in training.
    /// </summary>
    public static List<FeatureRow> Outliers(int count, int seed)
    {
        var random = new Random(seed);
        var rows = new List<FeatureRow>(count);
        for (int i = 0; i < count; i++)
        {
            double duration = Gaussian(random);
            double bytes = (2 * duration) + (0.1 * Gaussian(random));
            double load = 10 * random.NextDouble();
            rows.Add((i % 4) switch
            {
                0 => Row(duration, "tcp", -bytes + (duration >= 0 ? -3 : 3), "http", load),
                1 => Row(duration, "udp", bytes, "http", load),
                2 => Row(duration, "tcp", bytes, "smtp", 60 + (10 * random.NextDouble())),
                _ => Row(duration, "sctp", bytes, "dns", load),
            });
        }

        return rows;
    }

    /// <summary>Returns the event in schema order: numbers (duration, bytes, load), then categories (protocol, service).</summary>
    public static FeatureRow Row(double duration, string protocol, double bytes, string service, double load) =>
        new([duration, bytes, load], [protocol, service]);

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
