using Shuyaku.Core.Model;
using YamlDotNet.RepresentationModel;

namespace Shuyaku.Core.Import;

/// <summary>Reads the 'workloads' section: each workload with its service, where it runs today and what it demands.</summary>
internal sealed class WorkloadSection(YamlNodes n, CrossSectionChecks references)
{
    public List<Workload> Read(YamlNode? node, List<Site> sites, Dictionary<string, Server> servers)
    {
        var list = new List<Workload>();
        var ids = new UniqueIds(n, "workload");
        foreach (var item in n.Sequence(node, "workloads"))
        {
            var f = n.Mapping(item, "a workload", "id", "service", "software", "site", "server", "vcpus", "zone", "dedicated", "demand", "addressSensitive", "ip", "traffic");
            if (f is null)
            {
                continue;
            }

            var id = n.Text(f.Required("id"), "a workload's id");
            var what = string.IsNullOrEmpty(id) ? "a workload" : $"workload '{id}'";
            var serverId = n.Text(f["server"], $"{what}'s server");
            var server = references.ServerOf(f["server"], what, serverId, servers);
            var site = n.Text(f["site"], $"{what}'s site") ?? server?.Site ?? "";
            if (f.Has("site"))
            {
                references.SiteExists(f["site"]!, what, site, sites);
            }

            var demand = new DemandReader(n, references).Read(f.Required("demand"), what, server, serverId is not null);
            var vcpus = n.Integer(f["vcpus"], $"{what}'s vcpus", 1);
            var dedicated = n.Boolean(f["dedicated"], $"{what}'s dedicated flag") ?? false;
            var sensitive = n.Boolean(f["addressSensitive"], $"{what}'s addressSensitive flag") ?? false;
            var ip = Ip(f["ip"], what);
            var traffic = Traffic(f["traffic"], what, sites);
            var unique = ids.Add(id, f.Node);
            if (unique && demand is null)
            {
                references.InvalidWorkload(id!);
            }

            if (unique && demand is not null)
            {
                references.Workload(id!, f.Node);
                list.Add(new Workload
                {
                    Id = id!,
                    Service = n.Text(f["service"], $"{what}'s service") ?? "",
                    Software = n.Text(f["software"], $"{what}'s software") ?? "",
                    Site = site,
                    Server = serverId ?? "",
                    Vcpus = vcpus,
                    Zone = n.Text(f["zone"], $"{what}'s zone"),
                    Dedicated = dedicated,
                    Demand = demand,
                    AddressSensitive = sensitive,
                    Ip = ip,
                    Traffic = traffic,
                });
                if (ip is not null)
                {
                    references.WorkloadIpNodes[id!] = f["ip"]!;
                }
            }
        }

        if (node is not null && list.Count == 0 && n.Errors.Count == 0)
        {
            n.Error(node, "there are no workloads: list at least one under 'workloads'");
        }

        return list;
    }

    /// <summary>A workload's own service address: IPv4 or IPv6.</summary>
    private string? Ip(YamlNode? node, string what)
    {
        var text = n.Text(node, $"{what}'s ip");
        if (text is null || IpText.V4(text) is not null || IpText.V6(text) is not null)
        {
            return text;
        }

        n.Error(node!, $"{what}'s ip '{text}' is not an IP address such as 10.10.1.53 or 2001:db8:10::53");
        return null;
    }

    /// <summary>Users' peak traffic by the site they are at: site ids as keys, bandwidths as values.</summary>
    private Dictionary<string, double> Traffic(YamlNode? node, string what, List<Site> sites)
    {
        var traffic = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (site, key, value) in n.Pairs(node, $"{what}'s traffic", "{ kanda: 20Mbps, chiba: 5Mbps } (site ids and peaks)"))
        {
            var peak = n.Quantity(value, $"{what}'s traffic from site '{site}'", QuantityKind.Bandwidth);
            if (sites.All(s => s.Id != site))
            {
                n.Error(key, $"{what}'s traffic names site '{site}', which is not among the sites: add it under 'sites' or fix the name");
            }
            else if (peak is not null)
            {
                traffic[site] = peak.Value;
            }
        }

        return traffic;
    }
}
