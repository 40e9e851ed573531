using Shuyaku.Core.Benchmarks.Access;
using Shuyaku.Access.Tests.Support;
using Shuyaku.Core.Access;
using Shuyaku.Core.Model;
using Shuyaku.Core.Tests.Support;
using Xunit.Abstractions;

namespace Shuyaku.Access.Tests;

/// <summary>The generated dnsdist.conf run by the real dnsdist on 127.0.0.1, in front of tiny DNS responders.</summary>
public sealed class DnsdistTests(ITestOutputHelper output)
{
    private static Daemon Start(TempFolder folder, VirtualService dns, int port)
    {
        var path = Layers.Write(folder, Layers.With(dns), DnsdistConfig.FileName);
        var dnsdist = new Daemon(DaemonValidator.Find("dnsdist")!, "--supervised", "--disable-syslog", "-C", path);
        Wait.Until(() => Client.Dns(port, "ready.test", 1, timeoutMs: 200) is not null, 15_000).ShouldNotBeNull(dnsdist.Output);
        return dnsdist;
    }

    private static VirtualService Dns(int port, IReadOnlyList<Member> members, AbuseLimits? abuse = null) => new()
    {
        Id = "dns", Address = "127.0.0.1", Ports = [port], Protocol = ServiceProtocol.Dns, Members = members,
        Check = new HealthCheck { Kind = CheckKind.Dns, Name = "health.test", IntervalMs = 1000, TimeoutMs = 300, Rise = 1, Fall = 1 },
        Abuse = abuse,
    };

    [DaemonFact("dnsdist")]
    public void Queries_are_answered_by_healthy_backends_and_a_dead_one_is_skipped_then_the_backup_answers()
    {
        using var folder = new TempFolder();
        var one = new UdpBackend("dns1", dns: true);
        using var two = new UdpBackend("dns2", dns: true);
        using var three = new UdpBackend("dns3", dns: true);
        var port = FreePort.Udp();
        var two2 = two;
        using var dnsdist = Start(folder, Dns(port, [Layers.Member("dns1", one.Port), Layers.Member("dns2", two.Port), Layers.Member("dns3", three.Port, backup: true)]), port);
        var seen = Enumerable.Range(0, 60).Select(i => Client.Dns(port, $"q{i}.test", (ushort)(100 + i)) ?? "lost").ToList();
        output.WriteLine($"60 queries: {string.Join(", ", seen.GroupBy(s => s).Select(g => $"{g.Key} {g.Count()}"))}");
        seen.ShouldNotContain("lost");
        seen.ShouldNotContain("dns3");
        seen.Distinct().Order().ShouldBe(["dns1", "dns2"]);

        one.Dispose();
        var outMs = Wait.Until(() => Enumerable.Range(0, 10).All(i => Client.Dns(port, $"r{i}.test", (ushort)(200 + i), timeoutMs: 300) == "dns2"), 10_000, 50);
        outMs.ShouldNotBeNull(dnsdist.Output);
        output.WriteLine($"dns1 stopped: only dns2 answered 10 in a row after {outMs} ms (checks every 1 s, 1 failure)");

        two2.Dispose();
        var backupMs = Wait.Until(() => Client.Dns(port, "s.test", 300, timeoutMs: 300) == "dns3", 10_000, 50);
        backupMs.ShouldNotBeNull(dnsdist.Output);
        output.WriteLine($"both primaries stopped: the backup pool answered after {backupMs} ms");
    }

    [DaemonFact("dnsdist")]
    public void A_flooding_source_is_limited_and_then_banned_while_another_source_is_answered()
    {
        using var folder = new TempFolder();
        using var one = new UdpBackend("dns1", dns: true);
        var port = FreePort.Udp();
        var abuse = new AbuseLimits { ConnectionRate = new Rate(10, 1000), BanMs = 60_000 };
        using var dnsdist = Start(folder, Dns(port, [Layers.Member("dns1", one.Port)], abuse), port);

        var answered = Enumerable.Range(0, 60).Count(i => Client.Dns(port, $"f{i}.test", (ushort)(1000 + i), "127.0.0.2", timeoutMs: 100) is not null);
        output.WriteLine($"127.0.0.2 sent 60 queries as fast as answers came (limit 10/s): {answered} answered");
        answered.ShouldBeLessThan(40);
        Enumerable.Range(0, 5).Count(i => Client.Dns(port, $"g{i}.test", (ushort)(2000 + i), "127.0.0.3") is not null).ShouldBe(5);

        // Past the one-second rate window, only the dynamic block (60 s) can still refuse 127.0.0.2.
        var bannedMs = Wait.Until(() =>
        {
            Thread.Sleep(1100);
            return Enumerable.Range(0, 3).All(i => Client.Dns(port, $"h{i}.test", (ushort)(3000 + i), "127.0.0.2", timeoutMs: 200) is null);
        }, 5000, 0);
        bannedMs.ShouldNotBeNull(dnsdist.Output);
        output.WriteLine($"after the flood, 127.0.0.2 was still refused past the rate window (dynamic block, ban 60 s); 127.0.0.3 answered");
        Client.Dns(port, "k.test", 4000, "127.0.0.3").ShouldBe("dns1");
    }
}
