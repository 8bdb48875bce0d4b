using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace GanWatch.Tests.Support;

/// <summary>
/// A unix datagram socket that plays systemd's side of sd_notify(3): it records every message with the time it
/// arrived, so tests can check which notifications a daemon sent and in what order.
/// </summary>
public sealed class NotifySocketListener : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    private readonly List<NotifyMessage> _messages = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Task _receiving;

    /// <summary>Binds to <paramref name="address"/>: a file path, or an abstract name starting with '@'.</summary>
    public NotifySocketListener(string address)
    {
        Address = address;
        _socket.Bind(new UnixDomainSocketEndPoint(address[0] == '@' ? "\0" + address[1..] : address));
        _receiving = Task.Run(ReceiveAll);
    }

    /// <summary>The value to put in <c>NOTIFY_SOCKET</c>.</summary>
    public string Address { get; }

    /// <summary>Returns the messages received so far, oldest first.</summary>
    public IReadOnlyList<NotifyMessage> Messages
    {
        get
        {
            lock (_messages)
            {
                return _messages.ToList();
            }
        }
    }

    /// <summary>Waits for a message after index <paramref name="after"/> that matches <paramref name="match"/> and returns its index.</summary>
    /// <exception cref="TimeoutException">No such message arrived within <paramref name="timeout"/>.</exception>
    public async Task<int> WaitForAsync(Func<NotifyMessage, bool> match, string description, TimeSpan timeout, CancellationToken cancellationToken, int after = -1)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            IReadOnlyList<NotifyMessage> messages = Messages;
            for (int i = after + 1; i < messages.Count; i++)
            {
                if (match(messages[i]))
                {
                    return i;
                }
            }

            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"No notification {description} within {timeout}. Received:{Environment.NewLine}{Describe()}");
            }

            await Task.Delay(20, cancellationToken);
        }
    }

    /// <summary>Returns every message with its arrival time, one per line, for failure messages.</summary>
    public string Describe() =>
        string.Join(Environment.NewLine, Messages.Select(m => $"{m.At.TotalSeconds:F2}s {m.Text.Replace('\n', '|')}"));

    public void Dispose()
    {
        _socket.Dispose();
        try
        {
            _receiving.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The receive loop ends with an error once the socket is closed.
        }

        if (Address[0] != '@')
        {
            File.Delete(Address);
        }
    }

    private void ReceiveAll()
    {
        var buffer = new byte[4096];
        while (true)
        {
            int length;
            try
            {
                length = _socket.Receive(buffer);
            }
            catch (Exception error) when (error is SocketException or ObjectDisposedException)
            {
                return;
            }

            var message = new NotifyMessage(_clock.Elapsed, Encoding.UTF8.GetString(buffer, 0, length));
            lock (_messages)
            {
                _messages.Add(message);
            }
        }
    }
}
