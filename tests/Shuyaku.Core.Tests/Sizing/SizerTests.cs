using Shuyaku.Core.Model;
using Shuyaku.Core.Sizing;
using Shuyaku.Core.Tests.Support;

namespace Shuyaku.Core.Tests.Sizing;

public sealed class SizerTests
{
    private static Estate Estate(string workload, string policy = "") => TestEstates.Read($$"""
        servers:
          - { id: old, site: a, hardware: { sockets: 2, cores: 1, clock: 1GHz, perf: 1.0, memory: 2GiB } }
        sites:
          - { id: a }
        workloads:
          {{workload}}
        catalog:
          - { id: new, sockets: 2, cores: 4, clock: 3GHz, perf: 2.0, memory: 64GiB, network: 2Gbps }
        policy:
          overcommit: { vcpu: 4, memory: 1.5 }
          hypervisorReserve: { cpu: 1GHz, memory: 4GiB }
          vmOverhead: { cpu: 0.1GHz, memory: 100MiB }
          headroom: { cpu: 50%, memory: 80%, network: 60% }
          failoverUtilisation: 90%
        {{policy}}
        """);

    [Fact]
    public void Cpu_share_of_an_old_server_becomes_normalised_ghz_plus_overhead_on_the_new_model()
    {
        var estate = Estate("- { id: w, server: old, demand: { cpu: { avg: 10%, peak: 50% }, memory: 1GiB, network: { avg: 5Mbps, peak: 20Mbps } } }");
        var demand = Sizer.WorkloadDemand(estate, estate.Workloads[0], estate.Catalog[0], estate.Policy, withGrowth: false);
        // 50% of 2 × 1 GHz × perf 1.0 = 1.0; overhead 0.1 GHz on a perf-2.0 model = 0.2.
        demand.Cpu.ShouldBe(1.2, 1e-9);
        demand.Memory.ShouldBe(1124, 1e-9);
        demand.Network.ShouldBe(20, 1e-9);
        demand.Vcpu.ShouldBe(1);
    }

    [Theory]
    [InlineData("avg", 0.2 + 0.2)]
    [InlineData("p95", 1.0 + 0.2)]
    [InlineData("peak", 1.0 + 0.2)]
    public void The_policy_statistic_picks_the_value_and_falls_back_to_a_more_cautious_one(string statistic, double cpu)
    {
        var estate = Estate("- { id: w, server: old, demand: { cpu: { avg: 10%, peak: 50% }, memory: 1GiB } }", $"  statistic: {statistic}");
        Sizer.WorkloadDemand(estate, estate.Workloads[0], estate.Catalog[0], estate.Policy, withGrowth: false).Cpu.ShouldBe(cpu, 1e-9);
    }

    [Fact]
    public void Cores_and_ghz_demand_use_the_old_servers_clock_and_performance_factor()
    {
        var estate = Estate("- { id: w, server: old, demand: { cpu: 1.5cores, memory: 1GiB } }");
        var w = estate.Workloads[0];
        Sizer.CpuNormalisedGhz(estate, w, Statistic.Peak).ShouldBe(1.5, 1e-9);
        Sizer.Vcpus(estate, w).ShouldBe(2);
    }

    [Fact]
    public void Growth_compounds_over_the_horizon()
    {
        var estate = Estate("- { id: w, server: old, demand: { cpu: 50%, memory: 1GiB } }", "  growth: 10%\n  horizon: 3");
        Sizer.GrowthFactor(estate.Policy).ShouldBe(1.331, 1e-12);
        var demand = Sizer.WorkloadDemand(estate, estate.Workloads[0], estate.Catalog[0], estate.Policy, withGrowth: true);
        demand.Cpu.ShouldBe((1.0 * 1.331) + 0.2, 1e-9);
        demand.Memory.ShouldBe((1024 * 1.331) + 100, 1e-9);
    }

    [Fact]
    public void Host_capacity_takes_off_the_reserve_then_applies_overcommit_and_headroom()
    {
        var estate = Estate("- { id: w, server: old, demand: { cpu: 50%, memory: 1GiB } }");
        var model = estate.Catalog[0];
        // CPU: 8 cores × 3 GHz × 2.0 = 48, less 1 GHz × 2.0 = 46, × 50% = 23.
        Sizer.HostCapacity(model, estate.Policy, failover: false).ShouldBe(new ResourceVector(23, 60 * 1024 * 1.5 * 0.8, 1200, 32));
        Sizer.HostCapacity(model, estate.Policy, failover: true).ShouldBe(new ResourceVector(46 * 0.9, 60 * 1024 * 1.5 * 0.9, 1800, 32));
    }

    [Fact]
    public void Storage_is_grown_and_kept_below_the_free_space_target()
    {
        var estate = Estate("- { id: w, server: old, demand: { cpu: 50%, memory: 1GiB, disk: 100GiB, iops: 200 } }", "  growth: 10%\n  horizon: 2\n  storage: { freeSpace: 20% }");
        var storage = Sizer.Storage(estate, estate.Policy);
        storage.UsedMib.ShouldBe(102400);
        storage.GrownMib.ShouldBe(102400 * 1.21, 1e-6);
        storage.DatastoreMib.ShouldBe(102400 * 1.21 / 0.8, 1e-6);
        storage.GrownIops.ShouldBe(242, 1e-9);
    }
}
