using Shuyaku.Core.Localization;
using Shuyaku.Core.Model;
using YamlDotNet.RepresentationModel;

namespace Shuyaku.Core.Import;

/// <summary>Reads the estate's top-level mapping section by section, in the order in which later sections name earlier ones.</summary>
internal sealed class EstateParser(YamlNodes n)
{
    public Estate Parse(YamlNode root)
    {
        var top = n.Mapping(root, Texts.Get("estate.what.estate"), "name", "sites", "servers", "workloads", "rules", "hostGroups", "catalog", "policy",
            "links", "subnets", "traffic", "dependencies", "equipment", "costs", "migration", "access");
        if (top is null)
        {
            return new Estate();
        }

        var references = new CrossSectionChecks(n);
        var sites = new SiteSection(n).Read(top["sites"]);
        var servers = new ServerSection(n, references).Read(top["servers"], sites);
        var workloads = new WorkloadSection(n, references).Read(top.Required("workloads"), sites, servers);
        var groups = new HostGroupSection(n).Read(top["hostGroups"]);
        var catalog = new CatalogSection(n).Read(top.Required("catalog"));
        var rules = new RuleSection(n, references).Read(top["rules"], workloads, groups);
        var policySection = new PolicySection(n);
        var policy = policySection.Read(top["policy"]);
        var links = new LinkSection(n, references).Read(top["links"], sites);
        var subnetSection = new SubnetSection(n, references);
        var subnets = subnetSection.Read(top["subnets"], sites);
        subnetSection.CheckServers(servers);
        subnetSection.CheckWorkloads(workloads, servers);
        return new Estate
        {
            Name = n.Text(top["name"], Texts.Get("estate.what.estate-name")) ?? "",
            Sites = sites,
            Servers = servers.Values.ToList(),
            Workloads = workloads,
            Rules = rules,
            HostGroups = groups,
            Catalog = catalog,
            Policy = policy,
            Links = links,
            Subnets = subnets,
            Traffic = new TrafficSection(n, references).Read(top["traffic"], sites, workloads),
            Dependencies = new DependencySection(n).Read(top["dependencies"], workloads),
            Equipment = new EquipmentSection(n, references).Read(top["equipment"], sites),
            Costs = new CostSection(n, references).Read(top["costs"]),
            Migration = new MigrationSection(n, references).Read(top["migration"]),
            Access = new AccessSection(n, references).Read(top["access"], sites, workloads, servers),
            Sources = new SourceMap(n.File, references.WorkloadPositions, policySection.ReserveNode is { } reserve ? YamlNodes.Position(reserve) : null, references.Places),
        };
    }
}
