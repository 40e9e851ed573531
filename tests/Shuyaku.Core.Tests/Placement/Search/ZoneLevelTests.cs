using Shuyaku.Core.Checking;
using Shuyaku.Core.Placement;
using Shuyaku.Core.Placement.Search;
using Shuyaku.Core.Tests.Placement.Bounds;
using Shuyaku.Core.Tests.Support;

namespace Shuyaku.Core.Tests.Placement.Search;

public sealed class ZoneLevelTests
{
    [Fact]
    public void Evening_out_a_zone_gives_every_host_room_so_every_failure_restarts_without_a_spare()
    {
        // Given four units of 5 and two of 2 packed tightly on three hosts (10, 10, 4), normal capacity 10, failover 12, N+1
        var problem = new PlacementProblem
        {
            ItemNames = ["a", "b", "c", "d", "e", "f"],
            DimensionNames = ["cpu"],
            Demand = [5, 5, 5, 5, 2, 2],
            Capacity = [10],
            FailoverCapacity = [12],
            Failures = 1,
        };
        var units = Units.Build(problem);
        var packing = ProblemFactory.Packed(units, [-1, -1, -1], [0, 0, 1, 1, 2, 2]);

        // When the zone is evened out, and spares are added to both
        var even = ZoneLevel.Even(packing)!;
        var plain = SpareHosts.Add(packing, problem.Failures, maxSpares: 2)!;
        var spared = SpareHosts.Add(even, problem.Failures, maxSpares: 2)!;

        // Then as packed, the first host's two units of 5 find room for one only (2 and 8 free at failover): one spare, 4
        // hosts. Evened out (a 5 to the last host, then a 2 back: 7, 10, 7), every failure restarts on the other two: 3 hosts
        plain.Hosts.ShouldBe(4);
        even.Hosts.ShouldBe(3);
        Enumerable.Range(0, 3).Select(h => even.LoadOf(h, 0)).ShouldBe([7, 10, 7]);
        spared.Hosts.ShouldBe(3);
        Failover.Verify(spared, problem.Failures, keepCertificates: false).FailedUnit.ShouldBe(-1);
        SolutionChecker.Check(problem, spared.ToSolution("even")).ShouldBeEmpty();
        ExhaustivePlacement.Optimum(problem, maxHosts: 5).ShouldBe(3);

        // And the planner's plan has no more hosts and passes the checker
        var result = PlacementSolver.Solve(problem, SolveOptions.Default);
        result.Solution!.HostCount.ShouldBe(3);
        SolutionChecker.Check(problem, result.Solution).ShouldBeEmpty();
    }

    [Fact]
    public void Evening_out_tiny_problems_with_every_rule_keeps_the_hosts_their_zones_and_every_rule()
    {
        var evened = 0;
        for (var seed = 1; seed <= 150; seed++)
        {
            var problem = RuleBoundsTests.Tiny(seed);
            var units = Units.Build(problem);
            if (units.Impossible is not null)
            {
                continue;
            }

            var best = Heuristics.FirstFitDecreasing(units).Compact();
            if (ZoneLevel.Even(best) is not { } even)
            {
                continue;
            }

            // Evened out: the same hosts and labels, every unit in its zone, every rule kept, the fullest host no fuller.
            evened++;
            even.Hosts.ShouldBe(best.Hosts, $"seed {seed}");
            Enumerable.Range(0, best.Hosts).ShouldAllBe(h => even.LabelOf(h) == best.LabelOf(h), $"seed {seed}");
            Enumerable.Range(0, units.Count).ShouldAllBe(x => even.ZoneOf(even.HostOf[x]) == best.ZoneOf(best.HostOf[x]), $"seed {seed}");
            SolutionChecker.Check(problem, even.ToSolution("even")).ShouldBeEmpty($"seed {seed}");
            var cap = problem.Capacity;
            Enumerable.Range(0, even.Hosts).Max(h => even.MaxFillWith(h, -1, cap))
                .ShouldBeLessThanOrEqualTo(Enumerable.Range(0, best.Hosts).Max(h => best.MaxFillWith(h, -1, cap)) + 1e-9, $"seed {seed}");
        }

        evened.ShouldBeGreaterThan(10);
    }
}
