using Shuyaku.Core.Checking;
using Shuyaku.Core.Placement;
using Shuyaku.Core.Placement.Search;
using Shuyaku.Core.Tests.Placement.Bounds;

namespace Shuyaku.Core.Tests.Placement.Search;

public sealed class SpareHostsTests
{
    [Fact]
    public void Lonely_workloads_and_a_spread_zone_with_n_plus_2_keep_their_packing_and_share_two_idle_spares()
    {
        // Given three dmz replicas under one spread rule, two lonely workloads and four unzoned workloads of 9 of 10, N+2:
        // every host is full or alone, so any two failures need two idle hosts, and two suffice for every pair
        var problem = new PlacementProblem
        {
            ItemNames = [.. Enumerable.Range(0, 9).Select(i => $"w{i}")],
            DimensionNames = ["cpu"],
            Demand = [6, 6, 6, 1, 1, 9, 9, 9, 9],
            Capacity = [10],
            FailoverCapacity = [10],
            Failures = 2,
            Spread = [[0, 1, 2]],
            Zone = [1, 1, 1, 0, 0, 0, 0, 0, 0],
            ZoneNames = ["", "dmz"],
            Lonely = [false, false, false, true, true, false, false, false, false],
        };
        var units = Units.Build(problem);
        var best = Heuristics.FirstFitDecreasing(units);

        // When idle spares are added to the packing
        var spared = SpareHosts.Add(best, problem.Failures, maxSpares: 4)!;

        // Then the nine loaded hosts stay as they were, two idle spares follow, and every pair of failures restarts
        best.Hosts.ShouldBe(9);
        spared.Hosts.ShouldBe(11);
        Enumerable.Range(0, units.Count).ShouldAllBe(x => spared.HostOf[x] == best.HostOf[x]);
        Failover.Verify(spared, problem.Failures, keepCertificates: false).FailedUnit.ShouldBe(-1);

        // And the planner's plan meets its lower bound (k + the zones, the lonely workloads counted as zones of one)
        var result = PlacementSolver.Solve(problem, SolveOptions.Default);
        result.Solution!.HostCount.ShouldBe(11);
        result.Bound.Value.ShouldBe(11);
        SolutionChecker.Check(problem, result.Solution).ShouldBeEmpty();
    }

    [Fact]
    public void Spares_on_tiny_problems_with_every_rule_keep_every_rule_survive_every_failure_set_and_never_beat_the_exhaustive_optimum()
    {
        var tried = 0;
        var optimal = 0;
        for (var seed = 1; seed <= 150; seed++)
        {
            var problem = RuleBoundsTests.Tiny(seed);
            var units = Units.Build(problem);
            if (units.Impossible is not null)
            {
                continue;
            }

            var best = Heuristics.FirstFitDecreasing(units).Compact();
            if (SpareHosts.Add(best, problem.Failures, maxSpares: 2 * problem.Failures) is not { } spared)
            {
                continue;
            }

            tried++;
            Failover.Verify(spared, problem.Failures, keepCertificates: false).FailedUnit.ShouldBe(-1, $"seed {seed}");
            Enumerable.Range(0, units.Count).ShouldAllBe(x => spared.HostOf[x] == best.HostOf[x], $"seed {seed}");
            Enumerable.Range(best.Hosts, spared.Hosts - best.Hosts).ShouldAllBe(h => spared.CountOf(h) == 0, $"seed {seed}");
            SolutionChecker.Check(problem, spared.ToSolution("spares")).ShouldBeEmpty($"seed {seed}");
            if (ExhaustivePlacement.Optimum(problem, maxHosts: 11, nodeBudget: 500_000) is { } optimum)
            {
                spared.Hosts.ShouldBeGreaterThanOrEqualTo(optimum, $"seed {seed}");
                optimal += spared.Hosts == optimum ? 1 : 0;
            }
        }

        // Most tiny problems take spares, and on some the packing plus spares is the optimum.
        tried.ShouldBeGreaterThan(75);
        optimal.ShouldBeGreaterThan(0);
    }
}
