using Shuyaku.Core.Model;

namespace Shuyaku.Core.Tests.Move;

/// <summary>Seeded random estates for the wave property tests: three campuses (c through a), servers, loose workloads, spread groups, acyclic dependencies, random limits.</summary>
internal static class RandomEstates
{
    public static Estate Create(int seed)
    {
        var rng = new Random(seed);
        string[] sites = ["a", "b", "c", "dc"];
        var servers = new List<Server>();
        var workloads = new List<Workload>();
        var count = rng.Next(1, 30);
        for (var s = 0; s < count; s++)
        {
            var site = sites[rng.Next(sites.Length)];
            var server = new Server($"s{s:D2}", site, new Hardware(1, 4, 2, 1, 8192, 0), null, rng.Next(3) == 0 ? null : $"10.{site[0]}.{rng.Next(3)}.0/24");
            servers.Add(server);
            for (var k = rng.Next(0, 4); k > 0; k--)
            {
                workloads.Add(WaveTestEstates.Workload($"w{workloads.Count:D3}", site, server.Id, rng.Next(0, 40000), $"svc{rng.Next(5)}"));
            }
        }

        for (var k = rng.Next(0, 4); k > 0; k--)
        {
            var w = WaveTestEstates.Workload($"w{workloads.Count:D3}", sites[rng.Next(sites.Length)], "", rng.Next(0, 40000), $"svc{rng.Next(5)}");
            workloads.Add(w);
        }

        var rules = new List<Rule>();
        for (var r = rng.Next(0, Math.Max(1, workloads.Count / 2)); r > 0 && workloads.Count >= 2; r--)
        {
            var members = Enumerable.Range(0, rng.Next(2, 4)).Select(_ => workloads[rng.Next(workloads.Count)].Id).Distinct().ToList();
            if (members.Count >= 2)
            {
                rules.Add(new Rule(RuleKind.Spread, $"r{r}", members));
            }
        }

        // Needs only go from a later workload to an earlier one, or to a service, so that they never form a cycle.
        var dependencies = new HashSet<Dependency>();
        for (var d = rng.Next(0, workloads.Count); d > 0 && workloads.Count >= 2; d--)
        {
            var i = rng.Next(1, workloads.Count);
            dependencies.Add(rng.Next(4) == 0
                ? new Dependency(workloads[i].Id, $"svc{rng.Next(5)}")
                : new Dependency(workloads[i].Id, workloads[rng.Next(i)].Id));
        }

        return new Estate
        {
            Name = $"random {seed}",
            Sites = sites.Select(s => new Site(s, s, s == "dc" ? SiteRole.DataCenter : SiteRole.Campus)).ToList(),
            Links = [WaveTestEstates.Link("a-dc", "a", "dc", 100 * rng.Next(1, 5)), WaveTestEstates.Link("b-dc", "b", "dc", 100 * rng.Next(1, 5)), WaveTestEstates.Link("c-a", "c", "a", 100 * rng.Next(1, 5))],
            Servers = servers,
            Workloads = workloads,
            Rules = rules,
            Dependencies = [.. dependencies],
            Migration = new MigrationSettings
            {
                MaxServersPerWave = rng.Next(1, 7),
                MaxMibPerWave = rng.Next(2) == 0 ? null : rng.Next(40000, 200000),
                WindowHours = rng.Next(1, 9),
                SwitchoverHours = rng.Next(0, 3) * 0.25,
                BandwidthShare = 0.25 * rng.Next(1, 5),
            },
        };
    }
}
