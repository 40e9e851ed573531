using System.Net;
using Shuyaku.Core.Model;
using YamlDotNet.RepresentationModel;
using static Shuyaku.Core.Import.EstateWords;

namespace Shuyaku.Core.Import;

/// <summary>
/// Reads the 'subnets' section and checks every address against it: subnets never overlap, a server's subnet is
/// routed to the server's own site, and a workload's own ip lies in its server's subnet and is nobody else's.
/// A subnet that servers give but 'subnets' does not declare is taken as declared at the first such server's site.
/// </summary>
internal sealed class SubnetSection(YamlNodes n, CrossSectionChecks references)
{
    private const int MaxVlan = 4094;

    // Every prefix known so far, declared or given by a server, with its site and where it was written.
    private readonly List<(IPNetwork Network, string Site, YamlNode Node, bool Declared)> _known = [];

    public List<Subnet> Read(YamlNode? node, List<Site> sites)
    {
        var subnets = new List<Subnet>();
        foreach (var item in n.Sequence(node, "subnets"))
        {
            var f = n.Mapping(item, T("estate.what.a-subnet"), "prefix", "site", "gateway", "vlan", "ipv6");
            if (f is null)
            {
                continue;
            }

            var prefix = n.Prefix(f.Required("prefix"), Of(T("estate.what.a-subnet"), "prefix"));
            var what = prefix is null ? T("estate.what.a-subnet") : F("estate.what.subnet", prefix);
            var site = n.Text(f.Required("site"), Of(what, "site"));
            if (site is not null)
            {
                references.SiteExists(f["site"]!, what, site, sites);
            }

            var gateway = n.Address(f["gateway"], Of(what, "gateway"));
            if (prefix is { } p && gateway is not null && !p.Contains(IPAddress.Parse(gateway)))
            {
                n.Error(f["gateway"]!, F("estate.subnet.gateway-outside", what, gateway));
            }

            var vlan = n.Integer(f["vlan"], Of(what, "vlan"), 1, MaxVlan);
            var ipv6 = n.Prefix(f["ipv6"], F("estate.subnet.ipv6", what), v6: true);
            if (prefix is { } network && site is not null && NewPrefix(network, site, f["prefix"]!, null))
            {
                references.Place($"subnet:{network}", f.Node);
                subnets.Add(new Subnet
                {
                    Prefix = network.ToString(),
                    Site = site,
                    Gateway = gateway,
                    Vlan = vlan,
                    Ipv6Prefix = ipv6?.ToString(),
                });
            }
        }

        return subnets;
    }

    /// <summary>Each server's subnet must be declared at its site, or be new and overlap nothing known.</summary>
    public void CheckServers(Dictionary<string, Server> servers)
    {
        foreach (var server in servers.Values)
        {
            if (server.Subnet is null || !references.ServerAddressNodes.TryGetValue(server.Id, out var nodes) || nodes.Subnet is null
                || !IPNetwork.TryParse(server.Subnet, out var network))
            {
                continue;
            }

            var what = F("estate.what.server", server.Id);
            var same = _known.FirstOrDefault(k => k.Network.Equals(network));
            if (same.Node is not null)
            {
                if (same.Site != server.Site)
                {
                    n.Error(nodes.Subnet, same.Declared
                        ? F("estate.subnet.server-declared-site", what, server.Site, network, same.Site, same.Node.Start.Line)
                        : F("estate.subnet.server-placed-site", what, server.Site, network, same.Site, same.Node.Start.Line));
                }

                continue;
            }

            var holder = _known.FirstOrDefault(k => k.Declared && k.Network.Contains(network.BaseAddress) && k.Site != server.Site);
            if (holder.Node is not null)
            {
                n.Error(nodes.Subnet, F("estate.subnet.server-held", what, server.Site, network, holder.Network, holder.Site, holder.Node.Start.Line));
                continue;
            }

            if (NewPrefix(network, server.Site, nodes.Subnet, server.Id))
            {
                references.Place($"subnet:{network}", nodes.Subnet);
            }
        }
    }

    /// <summary>A workload's own ip: in its server's subnet (or, with no server subnet, in a known one), and used by nothing else.</summary>
    public void CheckWorkloads(List<Workload> workloads, Dictionary<string, Server> servers)
    {
        var owners = new Dictionary<IPAddress, string>();
        foreach (var server in servers.Values)
        {
            if (server.Ip is not null && IPAddress.TryParse(server.Ip, out var a))
            {
                owners.TryAdd(a, F("estate.what.server", server.Id));
            }
        }

        foreach (var w in workloads)
        {
            if (w.Ip is null || !references.WorkloadIpNodes.TryGetValue(w.Id, out var node))
            {
                continue;
            }

            var address = IPAddress.Parse(w.Ip);
            var server = servers.GetValueOrDefault(w.Server);
            var what = F("estate.what.workload", w.Id);
            if (server?.Subnet is { } text && IPNetwork.TryParse(text, out var own))
            {
                if (!own.Contains(address))
                {
                    n.Error(node, F("estate.subnet.ip-outside", what, w.Ip, server.Id, text));
                }
            }
            else if (!_known.Any(k => k.Network.Contains(address)))
            {
                n.Error(node, F("estate.subnet.ip-unknown", what, w.Ip));
            }

            // A workload may take its own server's address (it is the one that keeps it), but only one workload may.
            if (owners.TryGetValue(address, out var owner) && owner != F("estate.what.server", w.Server))
            {
                n.Error(node, F("estate.subnet.ip-taken", what, w.Ip, owner));
                continue;
            }

            owners[address] = what;
        }
    }

    /// <summary>
    /// Whether <paramref name="network"/> (declared, or the subnet of server <paramref name="server"/>) overlaps no known
    /// prefix; an overlap is reported at <paramref name="node"/>.
    /// </summary>
    private bool NewPrefix(IPNetwork network, string site, YamlNode node, string? server)
    {
        foreach (var (other, otherSite, otherNode, otherDeclared) in _known)
        {
            if (!IpText.Overlap(network, other))
            {
                continue;
            }

            var earlier = F(otherDeclared ? "estate.subnet.earlier-declared" : "estate.subnet.earlier-server", other, otherNode.Start.Line);
            n.Error(node, network.Equals(other)
                ? F("estate.subnet.twice", network, otherNode.Start.Line)
                : server is null
                    ? F("estate.subnet.overlap", network, earlier)
                    : F("estate.subnet.server-overlap", server, network, site, earlier, otherSite));
            return false;
        }

        _known.Add((network, site, node, server is null));
        return true;
    }
}
