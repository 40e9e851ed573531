using System.Net;
using System.Net.Sockets;
using Shuyaku.Access.Tests.Support;
using Shuyaku.Core.Access;
using Shuyaku.Core.Model;
using Shuyaku.Core.Tests.Support;
using Xunit.Abstractions;

namespace Shuyaku.Access.Tests;

/// <summary>The generated nftables ruleset loaded by the real nft into a network namespace the test makes.</summary>
public sealed class NftablesTests(ITestOutputHelper output)
{
    [DaemonFact("nft", "ip", NeedsRoot = true)]
    public void A_flooding_udp_source_is_dropped_and_banned_while_another_source_gets_through()
    {
        using var folder = new TempFolder();
        using var ns = new Netns();
        const int port = 1812;
        var radius = new VirtualService
        {
            Id = "radius", Address = "127.0.0.1", Ports = [port], Protocol = ServiceProtocol.Radius,
            Members = [Layers.Member("r1", 11812)], Check = new HealthCheck { Kind = CheckKind.None },
            Abuse = new AbuseLimits { ConnectionRate = new Rate(20, 1000), BanMs = 60_000 },
        };
        var path = Layers.Write(folder, Layers.With(radius), NftablesConfig.FileName);
        ns.Exec("/usr/sbin/nft", "-f", path);
        ns.Exec("/usr/sbin/nft", "-f", path); // loading twice replaces the table: the file is idempotent

        var (flood, polite, later) = ns.Inside(() =>
        {
            using var receiver = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            receiver.Bind(new IPEndPoint(IPAddress.Loopback, port));
            receiver.ReceiveTimeout = 300;
            var f = Send(receiver, "127.0.0.2", 200);
            var p = Send(receiver, "127.0.0.3", 10);
            Thread.Sleep(1500);
            var l = Send(receiver, "127.0.0.2", 5);
            return (f, p, l);
        });
        output.WriteLine($"limit 20/s, burst 20: 127.0.0.2 flooded 200 datagrams, {flood} arrived; 127.0.0.3 sent 10, {polite} arrived; 127.0.0.2 1.5 s later: {later} of 5 (banned for 60 s)");
        flood.ShouldBeInRange(15, 25);
        polite.ShouldBe(10);
        later.ShouldBe(0);
    }

    private static int Send(Socket receiver, string source, int count)
    {
        using var sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        sender.Bind(new IPEndPoint(IPAddress.Parse(source), 0));
        for (var i = 0; i < count; i++)
        {
            sender.SendTo([1, 2, 3], new IPEndPoint(IPAddress.Loopback, ((IPEndPoint)receiver.LocalEndPoint!).Port));
        }

        var got = 0;
        var buffer = new byte[64];
        for (var i = 0; i < count; i++)
        {
            try
            {
                receiver.Receive(buffer);
                got++;
            }
            catch (SocketException)
            {
                break;
            }
        }

        return got;
    }
}
