using Shuyaku.Core.Model;

namespace Shuyaku.Core.Benchmarks.Synthetic;

/// <summary>
/// The <c>vmware-small</c> profile of <c>shuyaku bench scale</c>: many small VMs under vCPU overcommit, where CPU and the
/// vCPU count bind together. One site; old servers of 2 × 4 cores at 2.4 GHz (perf 0.75), one per 20 VMs; each VM's peak
/// CPU drawn uniformly from 1% to 12% of its old server (so one vCPU each) and its memory from 256 MiB to 4 GiB in steps
/// of 256 MiB; one spread pair per 100 VMs; N+k; one host model of 2 × 32 cores at 2.8 GHz (perf 1.6) with 1 TiB; the
/// policy's defaults otherwise (headroom 80% CPU, 4 vCPUs per core, no growth). A host then holds 256 vCPUs and about
/// 245 VMs' worth of CPU: VMs above about 6.5% of their old server fill a host's CPU before its vCPUs, smaller ones its
/// vCPUs before its CPU, and only hosts that mix both reach the bound.
/// </summary>
public static class SmallVmEstate
{
    /// <summary>VMs per old server.</summary>
    public const int VmsPerServer = 20;

    /// <summary>VMs per spread pair (one pair per this many VMs).</summary>
    public const int VmsPerPair = 100;

    /// <summary>The estate of <paramref name="workloads"/> VMs from <paramref name="seed"/>; the same arguments give the same estate.</summary>
    public static Estate Create(int workloads, int seed, int failures = 1)
    {
        var rng = new Random(seed);
        var servers = new List<Server>();
        var serverCount = Math.Max(1, (workloads + VmsPerServer - 1) / VmsPerServer);
        for (var s = 0; s < serverCount; s++)
        {
            servers.Add(new Server($"srv{s + 1:D6}", "site", new Hardware(2, 4, 2.4, 0.75, 32768, 0), null, null));
        }

        var list = new List<Workload>(workloads);
        for (var i = 0; i < workloads; i++)
        {
            // Whole hundredths of a percent and whole MiB, so the estate's text reads back to the same numbers.
            var cpu = Math.Round(0.01 + (rng.NextDouble() * 0.11), 4);
            var memory = rng.Next(1, 17) * 256;
            list.Add(new Workload
            {
                Id = $"vm{i + 1:D6}",
                Service = $"svc{(i / 2) + 1:D6}",
                Site = "site",
                Server = servers[rng.Next(servers.Count)].Id,
                Demand = new Demand(Measure.Of(cpu), CpuUnit.ServerFraction, Measure.Of(memory), 40960, 0, new Measure(null, null, null)),
            });
        }

        // Pairs are dealt over the whole estate, so they are of every size.
        var pairs = workloads / VmsPerPair;
        var rules = new List<Rule>(pairs);
        for (var p = 0; p < pairs; p++)
        {
            var first = p * VmsPerPair;
            rules.Add(new Rule(RuleKind.Spread, $"pair-{p + 1}", [list[first].Id, list[first + 1].Id]));
        }

        return new Estate
        {
            Name = $"small VMs: {workloads} workloads (seed {seed})",
            Sites = [new Site("site", "Site", SiteRole.DataCenter)],
            Servers = servers,
            Workloads = list,
            Rules = rules,
            Catalog =
            [
                new HostModel
                {
                    Id = "h64c-1t", Name = "2 × 32-core 2.8 GHz, 1 TiB", Sockets = 2, CoresPerSocket = 32, ClockGhz = 2.8, PerfFactor = 1.6,
                    MemoryMib = 1048576, NetworkMbps = 25000, PowerIdleW = 220, PowerMaxW = 780, Price = 30000, RackUnits = 2,
                },
            ],
            Policy = new Policy { Failures = failures },
            Digest = $"small-vms-{workloads}-{seed}-{failures}",
        };
    }
}
