using Shuyaku.Core.Placement;
using Shuyaku.Core.Placement.Search;

namespace Shuyaku.Core.Tests.Placement.Search;

public sealed class FailoverTests
{
    [Fact]
    public void Each_host_finds_a_partner_that_could_take_all_its_workloads_in_its_own_zone_behind_many_lighter_hosts_of_another()
    {
        // Given twenty light hosts in zone 0, and in zone 1 three hosts with 6 of 10 and one with 2
        var p = OneUnitPerHost([.. Enumerable.Repeat(1.0, 20), 6, 6, 6, 2], zones: [.. Enumerable.Repeat(0, 20), 1, 1, 1, 1]);

        // When single failures are checked and repaired
        var lacking = Failover.HostsWithoutAbsorber(p);
        var repaired = Failover.RepairSingleFailures(p)!;

        // Then the host with 2 takes any 6 of its zone (and a 6 takes it), so no spare is needed
        lacking.ShouldBeEmpty();
        repaired.Hosts.ShouldBe(p.Hosts);
    }

    [Fact]
    public void A_zone_with_no_host_that_could_take_a_failed_one_gets_one_idle_spare()
    {
        // Given three hosts with 6 of 10 in zone 1: none has room for another's 6 after a failure
        var p = OneUnitPerHost([1, 1, 6, 6, 6], zones: [0, 0, 1, 1, 1]);

        // When single failures are checked and repaired
        var lacking = Failover.HostsWithoutAbsorber(p);
        var repaired = Failover.RepairSingleFailures(p)!;

        // Then exactly those hosts lack a partner, and one idle spare (which takes any zone after a failure) covers them
        lacking.ShouldBe([2, 3, 4]);
        repaired.Hosts.ShouldBe(p.Hosts + 1);
        repaired.CountOf(repaired.Hosts - 1).ShouldBe(0);
        Failover.HostsWithoutAbsorber(repaired).ShouldBeEmpty();
    }

    private static Shuyaku.Core.Placement.Search.Packing OneUnitPerHost(double[] sizes, int[] zones)
    {
        var problem = new PlacementProblem
        {
            ItemNames = sizes.Select((_, i) => $"w{i}").ToArray(),
            DimensionNames = ["cpu"],
            Demand = sizes,
            Capacity = [10],
            FailoverCapacity = [10],
            Failures = 1,
            Zone = zones,
        };
        var units = Units.Build(problem);
        var p = new Shuyaku.Core.Placement.Search.Packing(units);
        for (var i = 0; i < sizes.Length; i++)
        {
            p.Place(units.UnitOfItem[i], p.Open(-1));
        }

        return p;
    }
}
