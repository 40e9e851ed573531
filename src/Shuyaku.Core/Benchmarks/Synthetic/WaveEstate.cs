using System.Globalization;
using Shuyaku.Core.Model;

namespace Shuyaku.Core.Benchmarks.Synthetic;

/// <summary>
/// Seeded synthetic estates for the wave benchmark: campuses joined to a data centre (some through a hub campus, so
/// copies share hops), subnets at the campuses, servers with one to three workloads and their data, redundant pairs
/// on distinct servers declared as spread rules, and dependencies on shared services and between applications.
/// </summary>
public static class WaveEstate
{
    /// <summary>Campuses, the data centre aside.</summary>
    public const int Campuses = 8;

    /// <summary>
    /// An estate of <paramref name="servers"/> servers in <paramref name="subnets"/> subnets from <paramref name="seed"/>;
    /// the same arguments give the same estate.
    /// </summary>
    public static Estate Create(int servers, int subnets, int seed)
    {
        var rng = new Random(seed);
        var sites = new List<Site> { new("dc", "Data centre", SiteRole.DataCenter) };
        var links = new List<Link>();
        for (var c = 1; c <= Campuses; c++)
        {
            var id = $"campus{c}";
            sites.Add(new Site(id, $"Campus {c}", SiteRole.Campus));

            // Half the campuses reach the data centre through campus 1, the hub.
            var (to, mbps) = c > 1 && c % 2 == 0 ? ("campus1", 1000.0 * (1 + rng.Next(4))) : ("dc", 1000.0 * (2 + rng.Next(9)));
            links.Add(new Link { Id = $"{id}-{to}", From = id, To = to, BandwidthMbps = mbps });
        }

        var prefixes = Enumerable.Range(0, Math.Max(1, subnets))
            .Select(i => (Prefix: $"10.{i / 250}.{i % 250}.0/24", Site: $"campus{1 + (i % Campuses)}")).ToList();
        var serverList = new List<Server>(servers);
        var workloads = new List<Workload>();
        var rules = new List<Rule>();
        var hostCount = new int[prefixes.Count];
        for (var s = 0; s < servers; s++)
        {
            var subnet = rng.Next(prefixes.Count);
            var (prefix, site) = prefixes[subnet];
            var host = ++hostCount[subnet];
            var ip = host <= 250 ? string.Concat(prefix.AsSpan(0, prefix.LastIndexOf('.')), ".", (host + 3).ToString(CultureInfo.InvariantCulture)) : null;
            var server = new Server($"srv{s:D5}", site, new Hardware(2, 4, 2.4, 1, 16384, 0), ip, ip is null ? null : prefix);
            serverList.Add(server);
            var count = 1 + rng.Next(3);
            for (var k = 0; k < count; k++)
            {
                var gib = rng.NextDouble() < 0.9 ? 1 + rng.Next(60) : 100 + rng.Next(400);
                workloads.Add(Workload($"w{s:D5}-{k + 1}", Service(rng), server, gib * 1024.0));
            }
        }

        // Redundant pairs: a second instance of one in ten workloads, on another server of the same campus.
        var byCampus = serverList.GroupBy(s => s.Site).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var firsts = workloads.Where((_, i) => i % 10 == 0).ToList();
        foreach (var w in firsts)
        {
            var mates = byCampus[w.Site];
            var other = mates[rng.Next(mates.Count)];
            if (other.Id == w.Server)
            {
                continue;
            }

            var twin = Workload($"{w.Id}-b", w.Service, other, w.Demand.DiskMib);
            workloads.Add(twin);
            rules.Add(new Rule(RuleKind.Spread, $"pair-{w.Id}", [w.Id, twin.Id]));
        }

        // Everything resolves names; some applications need another application's workload.
        var dependencies = new List<Dependency> { new("web", "DNS"), new("mail", "DNS"), new("app", "DNS"), new("app", "directory"), new("mail", "directory") };
        var apps = workloads.Where(w => w.Service == "app").ToList();
        for (var i = 1; i < apps.Count; i += 7)
        {
            dependencies.Add(new Dependency(apps[i].Id, apps[rng.Next(i)].Id));
        }

        return new Estate
        {
            Name = $"synthetic estate of {servers} servers in {subnets} subnets (seed {seed})",
            Sites = sites,
            Links = links,
            Servers = serverList,
            Workloads = workloads,
            Rules = rules,
            Dependencies = dependencies,
            Migration = new MigrationSettings { MaxServersPerWave = 50, MaxMibPerWave = 8 * 1024 * 1024, WindowHours = 8, BandwidthShare = 0.5, SwitchoverHours = 0.1 },
            Digest = $"synthetic-waves-{servers}-{subnets}-{seed}",
        };
    }

    private static string Service(Random rng) => rng.Next(20) switch
    {
        0 => "DNS",
        1 => "directory",
        < 6 => "web",
        < 8 => "mail",
        < 12 => "app",
        _ => "file",
    };

    private static Workload Workload(string id, string service, Server server, double mib) => new()
    {
        Id = id,
        Service = service,
        Site = server.Site,
        Server = server.Id,
        Demand = new Demand(Measure.Of(0.1), CpuUnit.ServerFraction, Measure.Of(1024), mib, 20, Measure.Of(5)),
    };
}
