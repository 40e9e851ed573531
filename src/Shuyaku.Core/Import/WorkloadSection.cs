using Shuyaku.Core.Model;
using YamlDotNet.RepresentationModel;
using static Shuyaku.Core.Import.EstateWords;

namespace Shuyaku.Core.Import;

/// <summary>Reads the 'workloads' section: each workload with its service, where it runs today and what it demands.</summary>
internal sealed class WorkloadSection(YamlNodes n, CrossSectionChecks references)
{
    public List<Workload> Read(YamlNode? node, List<Site> sites, Dictionary<string, Server> servers)
    {
        var list = new List<Workload>();
        var ids = new UniqueIds(n, T("estate.kind.workload"));
        foreach (var item in n.Sequence(node, "workloads"))
        {
            var f = n.Mapping(item, T("estate.what.a-workload"), "id", "service", "software", "site", "server", "vcpus", "zone", "dedicated", "demand", "addressSensitive", "ip", "traffic");
            if (f is null)
            {
                continue;
            }

            var id = n.Text(f.Required("id"), Of(T("estate.what.a-workload"), "id"));
            var what = string.IsNullOrEmpty(id) ? T("estate.what.a-workload") : F("estate.what.workload", id);
            var serverId = n.Text(f["server"], Of(what, "server"));
            var server = references.ServerOf(f["server"], what, serverId, servers);
            var site = n.Text(f["site"], Of(what, "site")) ?? server?.Site ?? "";
            if (f.Has("site"))
            {
                references.SiteExists(f["site"]!, what, site, sites);
            }

            var demand = new DemandReader(n, references).Read(f.Required("demand"), what, server, serverId is not null);
            var vcpus = n.Integer(f["vcpus"], Of(what, "vcpus"), 1);
            var dedicated = n.Boolean(f["dedicated"], F("estate.workload.dedicated", what)) ?? false;
            var sensitive = n.Boolean(f["addressSensitive"], F("estate.workload.addressSensitive", what)) ?? false;
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
                    Service = n.Text(f["service"], Of(what, "service")) ?? "",
                    Software = n.Text(f["software"], Of(what, "software")) ?? "",
                    Site = site,
                    Server = serverId ?? "",
                    Vcpus = vcpus,
                    Zone = n.Text(f["zone"], Of(what, "zone")),
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
            n.Error(node, T("estate.workload.none"));
        }

        return list;
    }

    /// <summary>A workload's own service address: IPv4 or IPv6.</summary>
    private string? Ip(YamlNode? node, string what)
    {
        var text = n.Text(node, Of(what, "ip"));
        if (text is null || IpText.V4(text) is not null || IpText.V6(text) is not null)
        {
            return text;
        }

        n.Error(node!, F("estate.workload.not-ip", what, text));
        return null;
    }

    /// <summary>Users' peak traffic by the site they are at: site ids as keys, bandwidths as values.</summary>
    private Dictionary<string, double> Traffic(YamlNode? node, string what, List<Site> sites)
    {
        var traffic = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (site, key, value) in n.Pairs(node, Of(what, "traffic"), T("estate.workload.traffic-example")))
        {
            var peak = n.Quantity(value, F("estate.workload.traffic-from", what, site), QuantityKind.Bandwidth);
            if (sites.All(s => s.Id != site))
            {
                n.Error(key, F("estate.workload.traffic-site", what, site));
            }
            else if (peak is not null)
            {
                traffic[site] = peak.Value;
            }
        }

        return traffic;
    }
}
