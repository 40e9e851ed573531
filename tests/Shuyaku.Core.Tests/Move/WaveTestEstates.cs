using Shuyaku.Core.Model;
using Shuyaku.Core.Move;

namespace Shuyaku.Core.Tests.Move;

/// <summary>Small estates for the wave tests, built in code: campus sites linked to a data centre, servers with one or more workloads.</summary>
internal static class WaveTestEstates
{
    /// <summary>A site "dc" and campuses "a", "b" each linked to it by a 100 Mbps link, with the given servers (id, site, subnet, MiB per workload, workloads).</summary>
    public static Estate Build(
        IEnumerable<(string Id, string Site, string? Subnet, double Mib, int Workloads)> servers,
        MigrationSettings? migration = null,
        IEnumerable<Rule>? rules = null,
        IEnumerable<Dependency>? dependencies = null,
        IEnumerable<Link>? links = null,
        IEnumerable<Workload>? extra = null)
    {
        var list = servers.ToList();
        var workloads = new List<Workload>();
        foreach (var s in list)
        {
            for (var i = 0; i < s.Workloads; i++)
            {
                workloads.Add(Workload($"{s.Id}-w{i + 1}", s.Site, s.Id, s.Mib, service: $"{s.Id}-svc"));
            }
        }

        return new Estate
        {
            Name = "waves",
            Sites = [new Site("a", "A", SiteRole.Campus), new Site("b", "B", SiteRole.Campus), new Site("c", "C", SiteRole.Campus), new Site("dc", "DC", SiteRole.DataCenter)],
            Links = links?.ToList() ?? [Link("a-dc", "a", "dc", 100), Link("b-dc", "b", "dc", 100)],
            Servers = list.Select(s => new Server(s.Id, s.Site, new Hardware(1, 4, 2, 1, 8192, 0), null, s.Subnet)).ToList(),
            Workloads = [.. workloads, .. extra ?? []],
            Rules = rules?.ToList() ?? [],
            Dependencies = dependencies?.ToList() ?? [],
            Migration = migration ?? new MigrationSettings(),
        };
    }

    public static Workload Workload(string id, string site, string server, double mib, string service = "") => new()
    {
        Id = id,
        Site = site,
        Server = server,
        Service = service,
        Demand = new Demand(Measure.Of(0.1), CpuUnit.ServerFraction, Measure.Of(512), mib, 10, Measure.Of(1)),
    };

    public static Link Link(string id, string from, string to, double mbps) => new() { Id = id, From = from, To = to, BandwidthMbps = mbps };

    public static Rule Spread(string name, params string[] workloads) => new(RuleKind.Spread, name, workloads);

    public static WaveResult Plan(Estate estate) => WavePlanner.Plan(estate, "dc", WanGraph.Build(estate));

    /// <summary>Plans and asserts the independent checker finds nothing beyond the planner's own unavoidable problems.</summary>
    public static WaveResult PlanChecked(Estate estate)
    {
        var result = Plan(estate);
        var violations = WaveChecker.Check(estate, result.Waves, "dc");
        if (result.Problems.Count == 0)
        {
            violations.ShouldBeEmpty(string.Join("\n", violations.Select(v => $"{v.Kind}: {v.Message}")));
        }

        result.Waves.Count.ShouldBeGreaterThanOrEqualTo(result.LowerBound);
        return result;
    }
}
