using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Shuyaku.Core.Benchmarks.Access;

/// <summary>Free ports on the loopback, found by binding port 0.</summary>
internal static class FreePort
{
    public static int Tcp()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    public static int Udp()
    {
        using var s = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        s.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)s.LocalEndPoint!).Port;
    }
}

/// <summary>A tiny HTTP/1.0 real server on 127.0.0.1 that answers every request with 200 and its name; stopped when disposed.</summary>
internal sealed class HttpBackend : IDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();

    public HttpBackend(string name)
    {
        Name = name;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start(512);
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = Task.Run(Serve);
    }

    public string Name { get; }
    public int Port { get; }

    private async Task Serve()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = Task.Run(async () =>
            {
                using (client)
                {
                    try
                    {
                        var stream = client.GetStream();
                        var buffer = new byte[4096];
                        var seen = new StringBuilder();
                        using var timeout = new CancellationTokenSource(2000);
                        while (!seen.ToString().Contains("\r\n\r\n", StringComparison.Ordinal) && seen.Length < 16_384)
                        {
                            var n = await stream.ReadAsync(buffer, timeout.Token);
                            if (n == 0)
                            {
                                return;
                            }

                            seen.Append(Encoding.ASCII.GetString(buffer, 0, n));
                        }

                        var body = Encoding.ASCII.GetBytes(Name);
                        var head = Encoding.ASCII.GetBytes($"HTTP/1.0 200 OK\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
                        await stream.WriteAsync(head, timeout.Token);
                        await stream.WriteAsync(body, timeout.Token);
                    }
                    catch (Exception e) when (e is IOException or OperationCanceledException or SocketException or ObjectDisposedException)
                    {
                    }
                }
            });
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _listener.Dispose();
    }
}

/// <summary>A UDP real server on 127.0.0.1 that answers each datagram with its name (or, as DNS, with a minimal answer).</summary>
internal sealed class UdpBackend : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly Thread _thread;
    private volatile bool _stopped;
    private int _received;

    public UdpBackend(string name, bool dns = false)
    {
        Name = name;
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _socket.ReceiveTimeout = 200;
        Port = ((IPEndPoint)_socket.LocalEndPoint!).Port;
        _thread = new Thread(() => Serve(dns)) { IsBackground = true };
        _thread.Start();
    }

    public string Name { get; }
    public int Port { get; }

    /// <summary>Datagrams received so far (health checks included).</summary>
    public int Received => Volatile.Read(ref _received);

    private void Serve(bool dns)
    {
        var buffer = new byte[1500];
        while (!_stopped)
        {
            EndPoint from = new IPEndPoint(IPAddress.Any, 0);
            int n;
            try
            {
                n = _socket.ReceiveFrom(buffer, ref from);
            }
            catch (SocketException)
            {
                continue;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            Interlocked.Increment(ref _received);
            var answer = dns ? DnsWire.Answer(buffer.AsSpan(0, n), Name) : Encoding.ASCII.GetBytes(Name);
            if (answer is not null)
            {
                try
                {
                    _socket.SendTo(answer, from);
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException)
                {
                }
            }
        }
    }

    public void Dispose()
    {
        _stopped = true;
        _socket.Dispose();
        _thread.Join(2000);
    }
}

/// <summary>Clients: one HTTP request from a chosen source address; one UDP exchange; one DNS query.</summary>
internal static class Client
{
    /// <summary>The body of GET / through 127.0.0.1:<paramref name="port"/> from <paramref name="source"/>, or null when refused or failed.</summary>
    public static string? Get(int port, string source = "127.0.0.1", int timeoutMs = 2000)
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Parse(source), 0));
            socket.ReceiveTimeout = timeoutMs;
            socket.SendTimeout = timeoutMs;
            socket.Connect(new IPEndPoint(IPAddress.Loopback, port));
            socket.Send(Encoding.ASCII.GetBytes("GET / HTTP/1.0\r\nHost: vip\r\n\r\n"));
            var response = new StringBuilder();
            var buffer = new byte[4096];
            int n;
            while ((n = socket.Receive(buffer)) > 0 && response.Length < 65_536)
            {
                response.Append(Encoding.ASCII.GetString(buffer, 0, n));
            }

            var text = response.ToString();
            var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            return text.StartsWith("HTTP/1.0 200", StringComparison.Ordinal) || text.StartsWith("HTTP/1.1 200", StringComparison.Ordinal)
                ? text[(split + 4)..]
                : null;
        }
        catch (SocketException)
        {
            return null;
        }
    }

    /// <summary>Sends one datagram to 127.0.0.1:<paramref name="port"/> and returns the answer's text, or null on no (or an empty) answer.</summary>
    public static string? Udp(int port, string source = "127.0.0.1", int timeoutMs = 1000)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Parse(source), 0));
        socket.ReceiveTimeout = timeoutMs;
        try
        {
            socket.SendTo("ping"u8.ToArray(), new IPEndPoint(IPAddress.Loopback, port));
            var buffer = new byte[1500];
            var n = socket.Receive(buffer);
            return n == 0 ? null : Encoding.ASCII.GetString(buffer, 0, n);
        }
        catch (SocketException)
        {
            return null;
        }
    }

    /// <summary>Queries A for <paramref name="name"/> at 127.0.0.1:<paramref name="port"/>; the TXT-like marker of the answering backend, or null.</summary>
    public static string? Dns(int port, string name, ushort id, string source = "127.0.0.1", int timeoutMs = 1000)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Parse(source), 0));
        socket.ReceiveTimeout = timeoutMs;
        try
        {
            socket.SendTo(DnsWire.Query(name, id), new IPEndPoint(IPAddress.Loopback, port));
            var buffer = new byte[1500];
            var n = socket.Receive(buffer);
            return DnsWire.Backend(buffer.AsSpan(0, n), id);
        }
        catch (SocketException)
        {
            return null;
        }
    }
}

/// <summary>Just enough DNS: a query for an A record, and an answer whose A record's last octet names the backend.</summary>
internal static class DnsWire
{
    public static byte[] Query(string name, ushort id)
    {
        var bytes = new List<byte> { (byte)(id >> 8), (byte)id, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0 };
        foreach (var label in name.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            bytes.Add((byte)label.Length);
            bytes.AddRange(Encoding.ASCII.GetBytes(label));
        }

        bytes.AddRange([0, 0, 1, 0, 1]);
        return [.. bytes];
    }

    /// <summary>An answer to <paramref name="query"/>: NOERROR, the question echoed, for A queries one A record 10.0.0.N where N is the number that ends the backend's name.</summary>
    public static byte[]? Answer(ReadOnlySpan<byte> query, string backend)
    {
        if (query.Length < 12)
        {
            return null;
        }

        var end = 12;
        while (end < query.Length && query[end] != 0)
        {
            end += query[end] + 1;
        }

        end += 5;
        if (end > query.Length)
        {
            return null;
        }

        var type = (query[end - 4] << 8) | query[end - 3];
        var answer = new List<byte>(query[..end].ToArray());
        answer[2] = 0x81;
        answer[3] = 0x80;
        answer[7] = type == 1 ? (byte)1 : (byte)0;
        answer[8] = 0;
        answer[9] = 0;
        answer[10] = 0;
        answer[11] = 0;
        if (type == 1)
        {
            answer.AddRange([0xC0, 0x0C, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 10, 0, 0, byte.Parse(backend[backend.TrimEnd("0123456789".ToCharArray()).Length..], System.Globalization.CultureInfo.InvariantCulture)]);
        }

        return [.. answer];
    }

    /// <summary>The backend that answered ("dnsN"), from the last octet of the A record, or null.</summary>
    public static string? Backend(ReadOnlySpan<byte> answer, ushort id)
    {
        if (answer.Length < 16 || ((answer[0] << 8) | answer[1]) != id || (answer[3] & 0x0F) != 0 || answer[7] == 0)
        {
            return null;
        }

        return "dns" + answer[^1];
    }
}
