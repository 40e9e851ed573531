using Shuyaku.Core.Model;
using Shuyaku.Core.Placement;

namespace Shuyaku.Core.Benchmarks.Synthetic;

/// <summary>
/// Seeded synthetic estates for benchmarks and demonstrations, in two forms: a placement problem for the solver alone
/// (<see cref="Create"/>) and a whole estate to plan end to end (<see cref="CreateEstate"/>). The same arguments give the
/// same estate.
/// </summary>
public static class SyntheticEstate
{
    private static readonly double[] Cores = [1, 2, 2, 4, 4, 4, 8, 8, 16];
    private static readonly double[] GibPerCore = [2, 4, 4, 4, 8, 8, 16];

    /// <summary>
    /// VMs of typical shapes (cores, GiB) on 64-core / 512 GiB hosts with 80% headroom in normal operation and the full
    /// host after a failure; a share of the VMs are replicas of services spread over distinct hosts (groups of 2–4).
    /// </summary>
    public static PlacementProblem Create(int workloads, int failures, double spreadShare, int seed)
    {
        var rng = new Random(seed);
        var demand = new double[workloads * 2];
        for (var i = 0; i < workloads; i++)
        {
            var cores = Cores[rng.Next(Cores.Length)];
            demand[2 * i] = cores;
            demand[(2 * i) + 1] = cores * GibPerCore[rng.Next(GibPerCore.Length)];
        }

        var spread = new List<int[]>();
        var next = 0;
        var inSpread = (int)(workloads * spreadShare);
        while (next + 4 <= inSpread)
        {
            var size = 2 + rng.Next(3);
            var group = Enumerable.Range(next, size).ToArray();

            // Replicas of one service have one shape.
            foreach (var i in group.Skip(1))
            {
                demand[2 * i] = demand[2 * group[0]];
                demand[(2 * i) + 1] = demand[(2 * group[0]) + 1];
            }

            spread.Add(group);
            next += size;
        }

        return new PlacementProblem
        {
            ItemNames = Enumerable.Range(0, workloads).Select(i => $"vm{i + 1}").ToArray(),
            DimensionNames = ["cores", "GiB"],
            Demand = demand,
            Capacity = [64 * 0.8, 512 * 0.8],
            FailoverCapacity = [64, 512],
            Failures = failures,
            Spread = [.. spread],
        };
    }

    /// <summary>
    /// An estate of small and large services, redundant pairs and triples declared as spread rules, one current server
    /// per few workloads, and one 64-core host model to plan onto.
    /// </summary>
    public static Estate CreateEstate(int workloads, int seed, int failures = 1, double spreadShare = 0.5)
    {
        var rng = new Random(seed);
        var servers = new List<Server>();
        var list = new List<Workload>();
        var rules = new List<Rule>();
        var serverCount = Math.Max(1, workloads / 3);
        for (var s = 0; s < serverCount; s++)
        {
            var big = rng.NextDouble() < 0.3;
            servers.Add(new Server($"srv{s:D6}", "campus", big ? new Hardware(2, 8, 2.4, 1.0, 65536, 0) : new Hardware(2, 4, 2.0, 0.8, 16384, 0), null, null));
        }

        var i = 0;
        while (i < workloads)
        {
            // A service with one, two or three instances; redundant ones get a spread rule.
            var instances = rng.NextDouble() < spreadShare ? rng.Next(2, 4) : 1;
            instances = Math.Min(instances, workloads - i);
            var size = rng.NextDouble();
            var cpu = size < 0.7 ? 0.01 + (rng.NextDouble() * 0.08) : 0.05 + (rng.NextDouble() * 0.4);
            var memory = size < 0.7 ? 512 + (rng.Next(0, 8) * 256) : 2048 + (rng.Next(0, 24) * 512);
            var ids = new List<string>();
            for (var k = 0; k < instances; k++, i++)
            {
                var server = servers[rng.Next(servers.Count)];
                var id = $"w{i:D6}";
                ids.Add(id);
                var peak = Math.Min(1, cpu * (1.5 + rng.NextDouble()));
                list.Add(new Workload
                {
                    Id = id,
                    Service = $"svc{i - k:D6}",
                    Site = "campus",
                    Server = server.Id,
                    Demand = new Demand(
                        new Measure(cpu * 0.4, cpu, peak),
                        CpuUnit.ServerFraction,
                        Measure.Of(memory),
                        20480,
                        rng.Next(5, 200),
                        new Measure(null, null, rng.Next(1, 100))),
                });
            }

            if (ids.Count > 1)
            {
                rules.Add(new Rule(RuleKind.Spread, $"spread-{rules.Count + 1}", ids));
            }
        }

        return new Estate
        {
            Name = $"synthetic estate of {workloads} workloads (seed {seed})",
            Sites = [new Site("campus", "Campus", SiteRole.Campus), new Site("dc", "Data center", SiteRole.DataCenter)],
            Servers = servers,
            Workloads = list,
            Rules = rules,
            Catalog =
            [
                new HostModel
                {
                    Id = "r2-64c", Name = "2 × 32-core 2.8 GHz, 1 TiB", Sockets = 2, CoresPerSocket = 32, ClockGhz = 2.8, PerfFactor = 1.6,
                    MemoryMib = 1048576, NetworkMbps = 50000, PowerIdleW = 220, PowerMaxW = 780, Price = 30000, RackUnits = 2,
                },
            ],
            Policy = new Policy { Failures = failures, GrowthPerYear = 0.05, VcpuPerCore = 8 },
            Digest = $"synthetic-{workloads}-{seed}-{failures}",
        };
    }
}
