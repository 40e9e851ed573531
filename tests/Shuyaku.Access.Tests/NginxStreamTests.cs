using Shuyaku.Core.Benchmarks.Access;
using Shuyaku.Access.Tests.Support;
using Shuyaku.Core.Access;
using Shuyaku.Core.Model;
using Shuyaku.Core.Tests.Support;
using Xunit.Abstractions;

namespace Shuyaku.Access.Tests;

/// <summary>The generated nginx stream configuration run by the real nginx on 127.0.0.1, in front of tiny UDP real servers.</summary>
public sealed class NginxStreamTests(ITestOutputHelper output)
{
    [DaemonFact("nginx")]
    public void Udp_is_forwarded_by_weight_and_a_dead_member_is_skipped()
    {
        using var folder = new TempFolder();
        using var a = new UdpBackend("a");
        var b = new UdpBackend("b");
        var port = FreePort.Udp();
        var ntp = new VirtualService
        {
            Id = "ntp", Address = "127.0.0.1", Ports = [port], Protocol = ServiceProtocol.Ntp,
            Members = [Layers.Member("a", a.Port, 2), Layers.Member("b", b.Port, 1)],
            Check = new HealthCheck { Kind = CheckKind.None, IntervalMs = 10_000, TimeoutMs = 500, Fall = 1 },
        };
        var path = Layers.Write(folder, Layers.With(ntp), NginxStreamConfig.FileName);
        using var nginx = new Daemon(DaemonValidator.Find("nginx")!, "-c", path, "-p", folder.Path + "/", "-e", "stderr",
            "-g", $"daemon off; pid {folder.File("nginx.pid")};");
        Wait.Until(() => Client.Udp(port) is not null, 10_000).ShouldNotBeNull(nginx.Output);

        var counts = new Dictionary<string, int>();
        for (var i = 0; i < 90; i++)
        {
            var who = Client.Udp(port) ?? "lost";
            counts[who] = counts.GetValueOrDefault(who) + 1;
        }

        output.WriteLine($"90 datagrams, weights 2:1: {string.Join(", ", counts.Select(c => $"{c.Key} {c.Value}"))}");
        counts.GetValueOrDefault("a").ShouldBeInRange(55, 65);
        counts.GetValueOrDefault("b").ShouldBeInRange(25, 35);

        b.Dispose();
        var lost = 0;
        var answered = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            var who = Client.Udp(port, timeoutMs: 700);
            if (who is null)
            {
                lost++;
            }
            else
            {
                answered.Add(who);
            }
        }

        output.WriteLine($"member b stopped: of the next 30 datagrams {lost} lost (passive detection: max_fails 1), the rest answered by {string.Join(",", answered.Distinct())}");
        lost.ShouldBeLessThanOrEqualTo(2);
        answered.Distinct().ShouldBe(["a"]);
    }
}
