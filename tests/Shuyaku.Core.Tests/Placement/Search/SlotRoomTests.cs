using Shuyaku.Core.Checking;
using Shuyaku.Core.Placement;
using Shuyaku.Core.Placement.Search;
using Shuyaku.Core.Tests.Placement.Bounds;
using Shuyaku.Core.Tests.Support;

namespace Shuyaku.Core.Tests.Placement.Search;

public sealed class SlotRoomTests
{
    [Fact]
    public void Free_slots_moved_to_the_hosts_of_each_label_let_one_spare_of_each_label_serve_every_pair_of_failures()
    {
        // Given at most 3 workloads per host, N+2, fenced f1 and f2 with free u1..u4 on two licensed hosts (full in slots)
        // and banned b1, b2 alone on two hosts of no group; every demand small, so only slots bind
        var problem = new PlacementProblem
        {
            ItemNames = ["f1", "u1", "u2", "f2", "u3", "u4", "b1", "b2"],
            DimensionNames = ["cpu"],
            Demand = [1, 1, 1, 1, 1, 1, 1, 1],
            Capacity = [10],
            FailoverCapacity = [12],
            Failures = 2,
            Fence = [0, -1, -1, 0, -1, -1, -1, -1],
            Ban = [[], [], [], [], [], [], [0], [0]],
            GroupNames = ["licensed"],
            MaxPerHost = [new MaxPerHostRule("three", 3, null)],
        };
        var units = Units.Build(problem);
        var packing = ProblemFactory.Packed(units, [0, 0, -1, -1], [0, 0, 0, 1, 1, 1, 2, 3]);

        // When spares are added to the packing as it is, and to the packing with its slots arranged
        var plain = SpareHosts.Add(packing, problem.Failures, maxSpares: 4)!;
        var arranged = SlotRoom.Arrange(packing, problem.Failures)!;
        var spared = SpareHosts.Add(arranged, problem.Failures, maxSpares: 4)!;

        // Then as packed, a licensed host that fails with the licensed spare leaves its fenced unit no free licensed slot,
        // so the licensed label needs two spares of its own. Arranged, one free unit of each licensed host moves to a host
        // of no group: every loaded host keeps one free slot, the four hosts and their labels stay, every rule holds, and
        // one idle spare of each label serves every pair of failures: 6 hosts
        plain.Hosts.ShouldBeGreaterThan(6);
        arranged.Hosts.ShouldBe(4);
        Enumerable.Range(0, 4).Select(arranged.LabelOf).ShouldBe([0, 0, -1, -1]);
        Enumerable.Range(0, 4).Select(arranged.CountOf).ShouldBe([2, 2, 2, 2]);
        SolutionChecker.Check(problem, arranged.ToSolution("arranged")).ShouldBeEmpty();
        spared.Hosts.ShouldBe(6);
        Enumerable.Range(4, 2).Select(spared.LabelOf).Order().ShouldBe([-1, 0]);
        Failover.Verify(spared, problem.Failures, keepCertificates: false).FailedUnit.ShouldBe(-1);
        SolutionChecker.Check(problem, spared.ToSolution("spared")).ShouldBeEmpty();

        // And the planner's plan has no more hosts and passes the checker
        var result = PlacementSolver.Solve(problem, SolveOptions.Default);
        result.Solution!.HostCount.ShouldBeLessThanOrEqualTo(6);
        SolutionChecker.Check(problem, result.Solution).ShouldBeEmpty();
    }

    [Fact]
    public void With_N_plus_1_free_slots_moved_to_the_licensed_hosts_let_their_fenced_units_restart_there_without_a_spare()
    {
        // Given at most 4 workloads per host, N+1, fenced f1 and f2 each with three free units on a licensed host (full in
        // slots), banned b1 with two free units and banned b2 alone on two hosts of no group; every demand small
        var problem = new PlacementProblem
        {
            ItemNames = ["f1", "u1", "u2", "u3", "f2", "u4", "u5", "u6", "b1", "u7", "u8", "b2"],
            DimensionNames = ["cpu"],
            Demand = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
            Capacity = [10],
            FailoverCapacity = [12],
            Failures = 1,
            Fence = [0, -1, -1, -1, 0, -1, -1, -1, -1, -1, -1, -1],
            Ban = [[], [], [], [], [], [], [], [], [0], [], [], [0]],
            GroupNames = ["licensed"],
            MaxPerHost = [new MaxPerHostRule("four", 4, null)],
        };
        var units = Units.Build(problem);
        var packing = ProblemFactory.Packed(units, [0, 0, -1, -1], [0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 3]);

        // When spares are added to the packing as it is, and to the packing with its slots arranged
        var plain = SpareHosts.Add(packing, problem.Failures, maxSpares: 2)!;
        var arranged = SlotRoom.Arrange(packing, problem.Failures)!;
        var spared = SpareHosts.Add(arranged, problem.Failures, maxSpares: 2)!;

        // Then as packed, a failed licensed host's fenced unit finds no free licensed slot, so a licensed spare is added.
        // Arranged, one free unit of each licensed host moves to the host of no group with the most free slots: every host
        // keeps one free slot, the hosts and labels stay, every rule holds, and every single failure restarts on the four
        // loaded hosts, with no spare
        plain.Hosts.ShouldBe(5);
        arranged.Hosts.ShouldBe(4);
        Enumerable.Range(0, 4).Select(arranged.LabelOf).ShouldBe([0, 0, -1, -1]);
        Enumerable.Range(0, 4).Select(arranged.CountOf).ShouldBe([3, 3, 3, 3]);
        SolutionChecker.Check(problem, arranged.ToSolution("arranged")).ShouldBeEmpty();
        spared.Hosts.ShouldBe(4);
        Failover.Verify(spared, problem.Failures, keepCertificates: false).FailedUnit.ShouldBe(-1);
        SolutionChecker.Check(problem, spared.ToSolution("spared")).ShouldBeEmpty();

        // And the planner's plan has no more hosts and passes the checker
        var result = PlacementSolver.Solve(problem, SolveOptions.Default);
        result.Solution!.HostCount.ShouldBeLessThanOrEqualTo(4);
        SolutionChecker.Check(problem, result.Solution).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Arranging_slots_on_tiny_problems_with_every_rule_keeps_the_hosts_their_labels_zones_and_every_rule(int failures)
    {
        var arranged = 0;
        for (var seed = 1; seed <= 300; seed++)
        {
            // The tiny problems of the bound tests with N+1 or N+2 and a max-per-host rule over every workload (2 or 3).
            var tiny = RuleBoundsTests.Tiny(seed);
            var problem = new PlacementProblem
            {
                ItemNames = tiny.ItemNames,
                DimensionNames = tiny.DimensionNames,
                Demand = tiny.Demand,
                Capacity = tiny.Capacity,
                FailoverCapacity = tiny.FailoverCapacity,
                Failures = failures,
                Spread = tiny.Spread,
                Gather = tiny.Gather,
                Zone = tiny.Zone,
                ZoneNames = tiny.ZoneNames,
                Lonely = tiny.Lonely,
                Fence = tiny.Fence,
                Ban = tiny.Ban,
                GroupNames = tiny.GroupNames,
                MaxPerHost = [new MaxPerHostRule("all", 2 + (seed % 2), null)],
            };
            var units = Units.Build(problem);
            if (units.Impossible is not null)
            {
                continue;
            }

            var best = Heuristics.FirstFitDecreasing(units).Compact();
            if (SlotRoom.Arrange(best, problem.Failures) is not { } even)
            {
                continue;
            }

            // Arranged: the same hosts and labels, every unit in its zone, every rule kept in normal operation; spares on it
            // survive every set of k failures and pass the checker.
            arranged++;
            even.Hosts.ShouldBe(best.Hosts, $"seed {seed}");
            Enumerable.Range(0, best.Hosts).ShouldAllBe(h => even.LabelOf(h) == best.LabelOf(h), $"seed {seed}");
            Enumerable.Range(0, units.Count).ShouldAllBe(x => even.ZoneOf(even.HostOf[x]) == best.ZoneOf(best.HostOf[x]), $"seed {seed}");
            SolutionChecker.Check(problem, even.ToSolution("arranged")).ShouldBeEmpty($"seed {seed}");
            if (SpareHosts.Add(even, problem.Failures, maxSpares: 4) is { } spared)
            {
                Failover.Verify(spared, problem.Failures, keepCertificates: false).FailedUnit.ShouldBe(-1, $"seed {seed}");
                SolutionChecker.Check(problem, spared.ToSolution("spared")).ShouldBeEmpty($"seed {seed}");
            }
        }

        arranged.ShouldBeGreaterThan(5);
    }
}
