using Shuyaku.Core.Model;
using YamlDotNet.RepresentationModel;

namespace Shuyaku.Core.Import;

/// <summary>Reads the estate's top-level mapping section by section, in the order in which later sections name earlier ones.</summary>
internal sealed class EstateParser(YamlNodes n)
{
    public Estate Parse(YamlNode root)
    {
        var top = n.Mapping(root, "the estate", "name", "sites", "servers", "workloads", "rules", "hostGroups", "catalog", "policy");
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
        return new Estate
        {
            Name = n.Text(top["name"], "the estate's name") ?? "",
            Sites = sites,
            Servers = servers.Values.ToList(),
            Workloads = workloads,
            Rules = rules,
            HostGroups = groups,
            Catalog = catalog,
            Policy = policy,
            Sources = new SourceMap(n.File, references.WorkloadPositions, policySection.ReserveNode is { } reserve ? YamlNodes.Position(reserve) : null),
        };
    }
}
