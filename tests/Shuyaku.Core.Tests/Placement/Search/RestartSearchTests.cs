using Shuyaku.Core.Placement;
using Shuyaku.Core.Placement.Search;

namespace Shuyaku.Core.Tests.Placement.Search;

public sealed class RestartSearchTests
{
    [Fact]
    public void A_failure_that_every_greedy_order_restarts_wrongly_is_restarted_by_the_backtracking_search()
    {
        // Given a failed host running 5, 5, 3 and 3 beside survivors with room 10 and 7 (capacity 20, loads of tiny units):
        // largest first by best fit puts a 5 on the room-7 host and by worst fit a 5 on each, and both leave a 3 homeless;
        // only 5 + 5 on the first survivor and 3 + 3 on the second restarts all four
        var demand = new List<double> { 5, 5, 3, 3 };
        demand.AddRange(Enumerable.Repeat(1.0, 10 + 13));
        var problem = new PlacementProblem
        {
            ItemNames = [.. Enumerable.Range(0, demand.Count).Select(i => $"w{i}")],
            DimensionNames = ["cpu"],
            Demand = [.. demand],
            Capacity = [20],
            FailoverCapacity = [20],
            Failures = 1,
        };
        var units = Units.Build(problem);
        var packing = new Packing(units);
        int[] hosts = [packing.Open(-1), packing.Open(-1), packing.Open(-1)];
        for (var i = 0; i < demand.Count; i++)
        {
            packing.Place(units.UnitOfItem[i], hosts[i < 4 ? 0 : i < 14 ? 1 : 2]);
        }

        // When every single failure is restarted
        var (scenarios, failedUnit, _) = Failover.Verify(packing, problem.Failures, keepCertificates: true);

        // Then every failure restarts, and the failed first host's units end within the failover capacity of the others
        failedUnit.ShouldBe(-1);
        var first = scenarios!.Single(s => s.FailedHosts.SequenceEqual([hosts[0]]));
        first.Restarts.Select(r => r.Item).Order().ShouldBe([0, 1, 2, 3]);
        foreach (var survivor in new[] { hosts[1], hosts[2] })
        {
            var load = Enumerable.Range(0, demand.Count).Where(i => i >= 4 && packing.HostOf[units.UnitOfItem[i]] == survivor).Sum(i => demand[i])
                + first.Restarts.Where(r => r.Host == survivor).Sum(r => demand[r.Item]);
            load.ShouldBeLessThanOrEqualTo(20);
        }

        first.Restarts.Where(r => r.Host == hosts[1]).Select(r => r.Item).Order().ShouldBe([0, 1]);
    }
}
