using System.Globalization;
using System.Text;
using Shuyaku.Core.Model;
using Shuyaku.Core.Tests.Support;

namespace Shuyaku.Core.Tests.Move;

/// <summary>Small estates for the move, written as YAML so the reader checks them as it would a user's file.</summary>
internal static class MoveEstates
{
    public const string Catalog = """
        catalog:
          - { id: big, sockets: 2, cores: 8, clock: 2GHz, memory: 64GiB, network: 10000Mbps, power: { idle: 100W, max: 300W }, price: 1000, maintenance: 100, rackUnits: 1 }
        """;

    /// <summary>One server line at site <paramref name="site"/>.</summary>
    public static string Server(string id, string site, string? ip, string? subnet = null, string extra = "") =>
        $"  - {{ id: {id}, site: {site}{(ip is null ? "" : $", ip: {ip}")}{(subnet is null ? "" : $", subnet: {subnet}")}{extra}, hardware: {{ sockets: 1, cores: 2, clock: 2GHz, memory: 4GiB }} }}\n";

    /// <summary>One workload line on server <paramref name="server"/>.</summary>
    public static string Workload(string id, string server, string extra = "") =>
        $"  - {{ id: {id}, server: {server}{extra}, demand: {{ cpu: 10%, memory: 512MiB }} }}\n";

    /// <summary>An estate with sites a, b and dc, links a–dc and b–dc, and the sections given.</summary>
    public static Estate Read(string servers, string workloads, string subnets = "", string links = "", string extra = "")
    {
        var yaml = new StringBuilder("""
            name: move test
            sites:
              - { id: a, role: campus, router: 10.255.0.10 }
              - { id: b, role: campus }
              - { id: dc, role: datacenter, router: 10.255.0.1 }

            """);
        yaml.Append("links:\n").Append(links.Length > 0 ? links : "  - { id: a-dc, from: a, to: dc, bandwidth: 100Mbps }\n  - { id: b-dc, from: b, to: dc, bandwidth: 100Mbps }\n");
        if (subnets.Length > 0)
        {
            yaml.Append("subnets:\n").Append(subnets);
        }

        yaml.Append("servers:\n").Append(servers).Append("workloads:\n").Append(workloads).Append(Catalog).Append('\n')
            .Append(TestEstates.Policy()).Append(extra);
        return TestEstates.Read(yaml.ToString());
    }

    /// <summary>An address 10.1.0.x.</summary>
    public static string Ip(int host) => string.Create(CultureInfo.InvariantCulture, $"10.1.0.{host}");
}
