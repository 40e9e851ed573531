using Shuyaku.Core.Benchmarks.Access;
using Shuyaku.Access.Tests.Support;
using Shuyaku.Core.Access;
using Shuyaku.Core.Model;
using Shuyaku.Core.Tests.Support;
using Xunit.Abstractions;

namespace Shuyaku.Access.Tests;

/// <summary>The generated haproxy.cfg run by the real HAProxy on 127.0.0.1, in front of tiny HTTP real servers.</summary>
public sealed class HaproxyTests(ITestOutputHelper output)
{
    private static VirtualService Web(int port, IReadOnlyList<Member> members, AbuseLimits? abuse = null) => new()
    {
        Id = "web", Address = "127.0.0.1", Ports = [port], Protocol = ServiceProtocol.Http, Members = members,
        Check = new HealthCheck { Kind = CheckKind.Http, Path = "/health", IntervalMs = 200, TimeoutMs = 1000, Rise = 1, Fall = 2 },
        Abuse = abuse,
    };

    private static Daemon Start(TempFolder folder, AccessLayer access, int port)
    {
        var path = Layers.Write(folder, access, HaproxyConfig.FileName);
        var haproxy = new Daemon(DaemonValidator.Find("haproxy")!, "-db", "-f", path);
        Wait.Until(() => Client.Get(port) is not null, 10_000).ShouldNotBeNull($"haproxy did not serve on port {port}: {haproxy.Output}");
        return haproxy;
    }

    private static Dictionary<string, int> Count(int port, int requests)
    {
        var counts = new Dictionary<string, int>();
        for (var i = 0; i < requests; i++)
        {
            var who = Client.Get(port) ?? "failed";
            counts[who] = counts.GetValueOrDefault(who) + 1;
        }

        return counts;
    }

    [DaemonFact("haproxy")]
    public void Dispatch_follows_the_weights_and_a_backup_gets_nothing_while_primaries_are_up()
    {
        using var folder = new TempFolder();
        using var a = new HttpBackend("a");
        using var b = new HttpBackend("b");
        using var spare = new HttpBackend("spare");
        var port = FreePort.Tcp();
        using var haproxy = Start(folder, Layers.With(Web(port, [Layers.Member("a", a.Port, 3), Layers.Member("b", b.Port, 1), Layers.Member("spare", spare.Port, 1, backup: true)])), port);
        var counts = Count(port, 200);
        output.WriteLine($"200 requests, weights 3:1: {string.Join(", ", counts.Select(c => $"{c.Key} {c.Value}"))}");
        counts.GetValueOrDefault("a").ShouldBeInRange(140, 160);
        counts.GetValueOrDefault("b").ShouldBeInRange(40, 60);
        counts.ContainsKey("spare").ShouldBeFalse();
        counts.ContainsKey("failed").ShouldBeFalse();
    }

    [DaemonFact("haproxy")]
    public void A_killed_member_is_taken_out_within_the_check_interval_and_the_backup_takes_over_when_all_primaries_are_down()
    {
        using var folder = new TempFolder();
        var a = new HttpBackend("a");
        var b = new HttpBackend("b");
        using var spare = new HttpBackend("spare");
        var port = FreePort.Tcp();
        using var haproxy = Start(folder, Layers.With(Web(port, [Layers.Member("a", a.Port), Layers.Member("b", b.Port), Layers.Member("spare", spare.Port, backup: true)])), port);
        string.Join(",", Count(port, 20).Keys.Order()).ShouldBe("a,b", haproxy.Output);

        a.Dispose();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var failed = 0;
        var sent = 0;
        // Requests go on while the checks find a down; retries and redispatch send a refused one to b.
        var outMs = Wait.Until(() =>
        {
            var who = Client.Get(port);
            sent++;
            failed += who is null ? 1 : 0;
            return haproxy.Output.Contains("m1-a is DOWN", StringComparison.Ordinal);
        }, 10_000, 10);
        outMs.ShouldNotBeNull(haproxy.Output);
        output.WriteLine($"member a killed: marked down after {outMs} ms (checks every 200 ms, fall 2); {sent} requests meanwhile, {failed} failed");
        failed.ShouldBe(0);
        Count(port, 20).Keys.ShouldBe(["b"]);

        b.Dispose();
        var backupMs = Wait.Until(() => Client.Get(port) == "spare", 10_000, 10);
        backupMs.ShouldNotBeNull(haproxy.Output);
        output.WriteLine($"all primaries killed: the backup served after {backupMs} ms");
        Count(port, 20).Keys.ShouldBe(["spare"]);
        _ = clock;
    }

    [DaemonFact("haproxy")]
    public void An_abusive_source_is_refused_after_the_connection_rate_and_stays_banned_while_another_source_is_served()
    {
        using var folder = new TempFolder();
        using var a = new HttpBackend("a");
        var port = FreePort.Tcp();
        var abuse = new AbuseLimits { ConnectionRate = new Rate(10, 10_000), BanMs = 60_000 };
        using var haproxy = Start(folder, Layers.With(Web(port, [Layers.Member("a", a.Port)], abuse)), port);

        // The readiness probe came from 127.0.0.1; the abuser is 127.0.0.2.
        var served = 0;
        int? firstRefused = null;
        for (var i = 1; i <= 30; i++)
        {
            if (Client.Get(port, "127.0.0.2") is not null)
            {
                served++;
            }
            else
            {
                firstRefused ??= i;
            }
        }

        output.WriteLine($"127.0.0.2, 30 connections at once, limit 10 per 10 s: {served} served, first refused was number {firstRefused}");
        served.ShouldBe(10);
        firstRefused.ShouldBe(11);
        Enumerable.Range(0, 10).Count(_ => Client.Get(port, "127.0.0.3") == "a").ShouldBe(10);
        Client.Get(port, "127.0.0.2").ShouldBeNull("banned: the ban lasts 60 s after the last attempt");
    }
}
