namespace GanWatch.Metrics;

/// <summary>The Prometheus metrics endpoint. Bound from the <c>Metrics</c> configuration section.</summary>
public sealed class MetricsOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Metrics";

    /// <summary>Whether the daemon serves <c>/metrics</c>. The default is true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Host name or IP address to listen on; <c>+</c> or <c>*</c> listens on every interface. The default is
    /// <c>127.0.0.1</c>, because the endpoint has no authentication and its labels name series, topics and model
    /// directories. Set <c>+</c> or one interface's address so that a Prometheus server on another host can scrape it.
    /// </summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>TCP port of the endpoint. The default is 9464.</summary>
    public int Port { get; set; } = 9464;

    /// <summary>Returns every problem with these options; empty when they are valid or the endpoint is disabled.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!Enabled)
        {
            return problems;
        }

        if (string.IsNullOrWhiteSpace(Host))
        {
            problems.Add($"{SectionName}:Host is empty. Use 127.0.0.1 for this host only, + for every interface, or one interface's address.");
        }
        else if (!IsBareHost(Host))
        {
            problems.Add($"{SectionName}:Host is '{Host}'. Give a host name or IP address without scheme, port or path (IPv6 in brackets, such as [::1]), or +.");
        }

        if (Port is < 1 or > 65535)
        {
            problems.Add($"{SectionName}:Port is {Port}. Use a TCP port from 1 to 65535; the default is 9464.");
        }

        return problems;
    }

    /// <summary>Returns whether <paramref name="host"/> has no scheme, path, whitespace or port, which HttpListener prefixes reject.</summary>
    private static bool IsBareHost(string host)
    {
        if (host.Any(char.IsWhiteSpace) || host.Contains('/', StringComparison.Ordinal))
        {
            return false;
        }

        // A colon is only valid inside a bracketed IPv6 address such as [::1].
        bool bracketed = host.StartsWith('[') && host.EndsWith(']');
        return bracketed || !host.Contains(':', StringComparison.Ordinal);
    }
}
