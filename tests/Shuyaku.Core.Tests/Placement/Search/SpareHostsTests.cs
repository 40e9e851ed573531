using Shuyaku.Core.Checking;
using Shuyaku.Core.Placement;
using Shuyaku.Core.Placement.Bounds;
using Shuyaku.Core.Placement.Search;
using Shuyaku.Core.Tests.Placement.Bounds;
using Shuyaku.Core.Tests.Support;

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
    public void Fenced_units_split_over_two_licensed_hosts_let_one_spare_of_no_group_serve_every_failure()
    {
        // Given fenced a, b (2 each) with free e (5) on the one licensed host, free f (6) and h (3) on a host of no group, and
        // banned d and g (8 each) on two more, normal capacity 10 and failover capacity 12, N+1
        var problem = new PlacementProblem
        {
            ItemNames = ["a", "b", "e", "f", "h", "d", "g"],
            DimensionNames = ["cpu"],
            Demand = [2, 2, 5, 6, 3, 8, 8],
            Capacity = [10],
            FailoverCapacity = [12],
            Failures = 1,
            Fence = [0, 0, -1, -1, -1, -1, -1],
            Ban = [[], [], [], [], [], [0], [0]],
            GroupNames = ["licensed"],
        };
        var units = Units.Build(problem);
        var packing = ProblemFactory.Packed(units, [0, -1, -1, -1], [0, 0, 0, 1, 1, 2, 3]);

        // When spares are added to the packing as it is, and to the packing with the fenced units split
        var plain = SpareHosts.Add(packing, problem.Failures, maxSpares: 2)!;
        var split = LabelSplit.Spread(packing, problem.Failures)!;
        var spared = SpareHosts.Add(split, problem.Failures, maxSpares: 2)!;

        // Then as it is, a failed licensed host needs an idle licensed spare and a failed banned one an idle spare of no
        // group: 6 hosts. Split, f and h's host becomes licensed and takes a (h moves back), and one idle spare of no group
        // serves every failure: 5 hosts, the exhaustive optimum and the lower bound
        plain.Hosts.ShouldBe(6);
        split.Hosts.ShouldBe(4);
        split.LabelOf(1).ShouldBe(0);
        split.HostOf[units.UnitOfItem[0]].ShouldNotBe(split.HostOf[units.UnitOfItem[1]]);
        spared.Hosts.ShouldBe(5);
        spared.LabelOf(4).ShouldBe(-1);
        Failover.Verify(spared, problem.Failures, keepCertificates: false).FailedUnit.ShouldBe(-1);
        SolutionChecker.Check(problem, spared.ToSolution("split")).ShouldBeEmpty();
        ExhaustivePlacement.Optimum(problem, maxHosts: 7).ShouldBe(5);
        LowerBounds.Compute(units).Value.ShouldBe(5);
    }

    [Fact]
    public void Room_made_on_the_loaded_hosts_stands_in_for_the_idle_spare_of_each_label()
    {
        // Given two licensed hosts, each a fenced unit (4) and a free one (6), full at the normal capacity 10, and a host of
        // no group with a banned unit (3); failover capacity 12, N+1
        var problem = new PlacementProblem
        {
            ItemNames = ["a", "b", "f", "g", "d"],
            DimensionNames = ["cpu"],
            Demand = [4, 4, 6, 6, 3],
            Capacity = [10],
            FailoverCapacity = [12],
            Failures = 1,
            Fence = [0, 0, -1, -1, -1],
            Ban = [[], [], [], [], [0]],
            GroupNames = ["licensed"],
        };
        var units = Units.Build(problem);
        var packing = ProblemFactory.Packed(units, [0, 0, -1], [0, 1, 0, 1, 2]);

        // When spares are added, and then room is made for them
        var spared = SpareHosts.Add(packing, problem.Failures, maxSpares: 2)!;
        var roomy = SpareRoom.Reduce(spared, problem.Failures, target: 1)!;

        // Then the spares are one licensed (a failed licensed host's fenced unit finds no room on the other) and one of no
        // group (for d): 5 hosts. With room made, the free units move off the licensed hosts, g beside d and f onto the
        // spare of no group, which now runs f: every failure restarts on 4 hosts, no spare left idle
        spared.Hosts.ShouldBe(5);
        Enumerable.Range(3, 2).Select(spared.LabelOf).Order().ShouldBe([-1, 0]);
        roomy.Hosts.ShouldBe(4);
        Enumerable.Range(0, roomy.Hosts).ShouldAllBe(h => roomy.CountOf(h) > 0);
        roomy.HostOf[units.UnitOfItem[3]].ShouldBe(roomy.HostOf[units.UnitOfItem[4]]);
        Failover.Verify(roomy, problem.Failures, keepCertificates: false).FailedUnit.ShouldBe(-1);
        SolutionChecker.Check(problem, roomy.ToSolution("room")).ShouldBeEmpty();
        ExhaustivePlacement.Optimum(problem, maxHosts: 6).ShouldBe(4);

        // And the planner's plan has no more hosts and passes the checker
        var result = PlacementSolver.Solve(problem, SolveOptions.Default);
        result.Solution!.HostCount.ShouldBeLessThanOrEqualTo(4);
        SolutionChecker.Check(problem, result.Solution).ShouldBeEmpty();
    }

    [Fact]
    public void Spares_on_tiny_problems_with_every_rule_keep_every_rule_survive_every_failure_set_and_never_beat_the_exhaustive_optimum()
    {
        var tried = 0;
        var optimal = 0;
        var splits = 0;
        var reduced = 0;
        for (var seed = 1; seed <= 150; seed++)
        {
            var problem = RuleBoundsTests.Tiny(seed);
            var units = Units.Build(problem);
            if (units.Impossible is not null)
            {
                continue;
            }

            var best = Heuristics.FirstFitDecreasing(units).Compact();
            var optimum = ExhaustivePlacement.Optimum(problem, maxHosts: 11, nodeBudget: 500_000);
            if (LabelSplit.Spread(best, problem.Failures) is { } split)
            {
                // A split keeps the host count and every rule in normal operation, and moves only between hosts of one zone.
                splits++;
                split.Hosts.ShouldBe(best.Hosts, $"seed {seed}");
                SolutionChecker.Check(problem, split.ToSolution("split")).ShouldBeEmpty($"seed {seed}");
                Enumerable.Range(0, units.Count).ShouldAllBe(x => split.ZoneOf(split.HostOf[x]) == best.ZoneOf(best.HostOf[x]), $"seed {seed}");
                if (SpareHosts.Add(split, problem.Failures, maxSpares: 2 * problem.Failures) is { } splitSpared)
                {
                    Failover.Verify(splitSpared, problem.Failures, keepCertificates: false).FailedUnit.ShouldBe(-1, $"seed {seed}");
                    SolutionChecker.Check(problem, splitSpared.ToSolution("split spares")).ShouldBeEmpty($"seed {seed}");
                    if (optimum is not null)
                    {
                        splitSpared.Hosts.ShouldBeGreaterThanOrEqualTo(optimum.Value, $"seed {seed}");
                    }
                }
            }

            if (SpareHosts.Add(best, problem.Failures, maxSpares: 2 * problem.Failures) is not { } spared)
            {
                continue;
            }

            tried++;
            Failover.Verify(spared, problem.Failures, keepCertificates: false).FailedUnit.ShouldBe(-1, $"seed {seed}");
            if (SpareRoom.Reduce(spared, problem.Failures, target: 1) is { } roomy)
            {
                // Room made for a spare keeps every rule in normal operation, survives every set of k failures, drops a host.
                reduced++;
                roomy.Hosts.ShouldBeLessThan(spared.Hosts, $"seed {seed}");
                Failover.Verify(roomy, problem.Failures, keepCertificates: false).FailedUnit.ShouldBe(-1, $"seed {seed}");
                SolutionChecker.Check(problem, roomy.ToSolution("room")).ShouldBeEmpty($"seed {seed}");
                if (optimum is not null)
                {
                    roomy.Hosts.ShouldBeGreaterThanOrEqualTo(optimum.Value, $"seed {seed}");
                }
            }

            Enumerable.Range(0, units.Count).ShouldAllBe(x => spared.HostOf[x] == best.HostOf[x], $"seed {seed}");
            Enumerable.Range(best.Hosts, spared.Hosts - best.Hosts).ShouldAllBe(h => spared.CountOf(h) == 0, $"seed {seed}");
            SolutionChecker.Check(problem, spared.ToSolution("spares")).ShouldBeEmpty($"seed {seed}");
            if (optimum is not null)
            {
                spared.Hosts.ShouldBeGreaterThanOrEqualTo(optimum.Value, $"seed {seed}");
                optimal += spared.Hosts == optimum ? 1 : 0;
            }
        }

        // Most tiny problems take spares, and on some the packing plus spares is the optimum; some packings split.
        tried.ShouldBeGreaterThan(75);
        optimal.ShouldBeGreaterThan(0);
        splits.ShouldBeGreaterThan(0);
        reduced.ShouldBeGreaterThan(0);
    }
}
