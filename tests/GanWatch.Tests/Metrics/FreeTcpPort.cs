using System.Net;
using System.Net.Sockets;

namespace GanWatch.Tests.Metrics;

/// <summary>Free TCP ports on 127.0.0.1 for servers that a test starts.</summary>
public static class FreeTcpPort
{
    /// <summary>
    /// Returns a port that was free a moment ago. The port is released before it returns, so another process could take
    /// it first; that is unlikely within the few seconds a test needs.
    /// </summary>
    public static int Find()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
