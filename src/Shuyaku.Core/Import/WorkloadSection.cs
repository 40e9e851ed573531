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
            var f = n.Mapping(item, "a workload", "id", "service", "software", "site", "server", "vcpus", "zone", "dedicated", "demand");
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
                });
            }
        }

        if (node is not null && list.Count == 0 && n.Errors.Count == 0)
        {
            n.Error(node, "there are no workloads: list at least one under 'workloads'");
        }

        return list;
    }
}
