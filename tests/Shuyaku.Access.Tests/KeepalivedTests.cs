using Shuyaku.Core.Benchmarks.Access;
using Shuyaku.Access.Tests.Support;
using Shuyaku.Core.Access;
using Shuyaku.Core.Model;
using Shuyaku.Core.Tests.Support;
using Xunit.Abstractions;

namespace Shuyaku.Access.Tests;

/// <summary>
/// The generated keepalived files run by two real keepalived processes in two network namespaces joined by a veth pair:
/// the master holds the virtual address, and the backup takes it when the master or its balancer dies.
/// </summary>
public sealed class KeepalivedTests(ITestOutputHelper output)
{
    private const string Vip = "10.99.0.100";

    private sealed class Pair : IDisposable
    {
        public Pair(TempFolder folder)
        {
            A = new Netns();
            B = new Netns();
            var peer = A.Name[..Math.Min(A.Name.Length, 10)];
            Netns.Ip("link", "add", $"{peer}a", "type", "veth", "peer", "name", $"{peer}b");
            Netns.Ip("link", "set", $"{peer}a", "netns", A.Name);
            Netns.Ip("link", "set", $"{peer}b", "netns", B.Name);
            A.Exec("ip", "link", "set", $"{peer}a", "name", "veth0");
            B.Exec("ip", "link", "set", $"{peer}b", "name", "veth0");
            A.Exec("ip", "addr", "add", "10.99.0.1/24", "dev", "veth0");
            B.Exec("ip", "addr", "add", "10.99.0.2/24", "dev", "veth0");
            A.Exec("ip", "link", "set", "veth0", "up");
            B.Exec("ip", "link", "set", "veth0", "up");
            var access = new AccessLayer
            {
                Balancers = [new Balancer("slb-1", "dc", "10.99.0.1", 150), new Balancer("slb-2", "dc", "10.99.0.2", 100)],
                Vrrp = new Vrrp(51, "veth0", 100),
                Services =
                [
                    new VirtualService
                    {
                        Id = "web", Address = Vip, Ports = [80], Protocol = ServiceProtocol.Http,
                        Members = [new Member { Address = "10.99.0.50", Port = 80 }], Check = new HealthCheck { Kind = CheckKind.Http },
                    },
                ],
            };
            AliveA = folder.Write("slb-1.alive", "");
            folder.Write("slb-2.alive", "");
            KeepA = Start(folder, access, access.Balancers[0], A);
            KeepB = Start(folder, access, access.Balancers[1], B);
        }

        public Netns A { get; }
        public Netns B { get; }
        public Daemon KeepA { get; }
        public Daemon KeepB { get; }
        public string AliveA { get; }

        private static Daemon Start(TempFolder folder, AccessLayer access, Balancer node, Netns ns)
        {
            // The balancer's health: a file that the test removes to play a dead HAProxy.
            var file = KeepalivedConfig.Render(access, node, [$"/usr/bin/test -e {folder.File(node.Id + ".alive")}"]);
            var path = folder.Write(file.Name, file.Text);
            return new Daemon("/usr/sbin/ip", "netns", "exec", ns.Name, DaemonValidator.Find("keepalived")!, "-n", "-l", "-D", "-f", path,
                "-p", folder.File(node.Id + ".pid"), "-r", folder.File(node.Id + "-vrrp.pid"), "-c", folder.File(node.Id + "-check.pid"));
        }

        public static bool Holds(Netns ns) => ns.Exec("ip", "-4", "addr", "show", "dev", "veth0").Contains(Vip + "/32", StringComparison.Ordinal);

        public void Dispose()
        {
            KeepA.Dispose();
            KeepB.Dispose();
            A.Dispose();
            B.Dispose();
        }
    }

    [DaemonFact("keepalived", "ip", NeedsRoot = true)]
    public void The_master_holds_the_virtual_address_and_the_backup_takes_it_within_a_second_when_the_master_is_killed()
    {
        using var folder = new TempFolder();
        using var pair = new Pair(folder);
        Wait.Until(() => Pair.Holds(pair.A), 15_000, 50).ShouldNotBeNull(pair.KeepA.Output);
        Pair.Holds(pair.B).ShouldBeFalse(pair.KeepB.Output);

        pair.KeepA.Kill();
        var failoverMs = Wait.Until(() => Pair.Holds(pair.B), 10_000, 10);
        failoverMs.ShouldNotBeNull(pair.KeepB.Output);
        output.WriteLine($"master keepalived killed (SIGKILL, advert 100 ms): the backup held {Vip} after {failoverMs} ms");
        failoverMs!.Value.ShouldBeLessThan(1000);
    }

    [DaemonFact("keepalived", "ip", NeedsRoot = true)]
    public void The_backup_takes_the_virtual_address_when_the_masters_balancer_dies()
    {
        using var folder = new TempFolder();
        using var pair = new Pair(folder);
        Wait.Until(() => Pair.Holds(pair.A), 15_000, 50).ShouldNotBeNull(pair.KeepA.Output);

        File.Delete(pair.AliveA);
        var failoverMs = Wait.Until(() => Pair.Holds(pair.B) && !Pair.Holds(pair.A), 15_000, 10);
        failoverMs.ShouldNotBeNull(pair.KeepA.Output + pair.KeepB.Output);
        output.WriteLine($"master's balancer check failing (script every 1 s, fall 2): the backup held {Vip} after {failoverMs} ms and the master let it go");
        failoverMs!.Value.ShouldBeLessThan(5000);
    }
}
