using Shuyaku.Core.Placement;
using Shuyaku.Core.Placement.Bounds;
using Shuyaku.Core.Placement.Search;

namespace Shuyaku.Core.Tests.Placement.Bounds;

/// <summary>The N+k argument by spare counts never exceeds the optimum found by exhaustive search on tiny problems.</summary>
public sealed class SpareBoundsTests
{
    [Fact]
    public void The_spare_count_argument_never_exceeds_the_exhaustive_optimum_on_tiny_problems_with_every_rule_and_n_plus_k()
    {
        var solved = 0;
        var raised = 0;
        var exact = 0;
        for (var seed = 1; seed <= 600; seed++)
        {
            var problem = RuleBoundsTests.Tiny(seed);
            var units = Units.Build(problem);
            if (units.Impossible is not null)
            {
                continue;
            }

            // From 0, so that the argument is measured on its own, not only where it beats the others.
            var part = SpareBounds.Compute(units, 0);
            var optimum = ExhaustivePlacement.Optimum(problem, maxHosts: 11, nodeBudget: 2_000_000);
            if (optimum is null || part is null)
            {
                continue;
            }

            solved++;
            part.Hosts.ShouldBeLessThanOrEqualTo(optimum.Value, $"seed {seed}");
            var bound = LowerBounds.Compute(units);
            bound.Value.ShouldBeLessThanOrEqualTo(optimum.Value, $"seed {seed}");
            raised += bound.Parts.Any(p => p.Kind == "n+k-spares") ? 1 : 0;
            exact += part.Hosts == optimum ? 1 : 0;
        }

        // The search must have decided most problems, and the argument must reach the optimum, and beat the others, on some.
        solved.ShouldBeGreaterThan(400);
        exact.ShouldBeGreaterThan(solved / 2);
        raised.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void The_spare_count_argument_never_exceeds_the_exhaustive_optimum_with_two_host_groups()
    {
        var solved = 0;
        var exact = 0;
        for (var seed = 1; seed <= 400; seed++)
        {
            // The tiny problems again, with a second group: some workloads fenced to it, some banned from one or both.
            var tiny = RuleBoundsTests.Tiny(seed);
            var rng = new Random(seed * 31);
            var fence = tiny.Fence!.Select(g => g >= 0 && rng.NextDouble() < 0.4 ? 1 : g).ToArray();
            var ban = tiny.Ban!.Select((b, i) => fence[i] >= 0 ? b : rng.NextDouble() < 0.3 ? [.. b, 1] : b).ToArray();
            var problem = new PlacementProblem
            {
                ItemNames = tiny.ItemNames,
                DimensionNames = tiny.DimensionNames,
                Demand = tiny.Demand,
                Capacity = tiny.Capacity,
                FailoverCapacity = tiny.FailoverCapacity,
                Failures = tiny.Failures,
                Spread = tiny.Spread,
                Gather = tiny.Gather,
                Zone = tiny.Zone,
                ZoneNames = tiny.ZoneNames,
                Lonely = tiny.Lonely,
                Fence = fence,
                Ban = ban,
                GroupNames = ["licensed", "gpu"],
                MaxPerHost = tiny.MaxPerHost,
            };
            var units = Units.Build(problem);
            if (units.Impossible is not null || SpareBounds.Compute(units, 0) is not { } part)
            {
                continue;
            }

            var optimum = ExhaustivePlacement.Optimum(problem, maxHosts: 11, nodeBudget: 2_000_000);
            if (optimum is null)
            {
                continue;
            }

            solved++;
            part.Hosts.ShouldBeLessThanOrEqualTo(optimum.Value, $"seed {seed}");
            exact += part.Hosts == optimum ? 1 : 0;
        }

        solved.ShouldBeGreaterThan(250);
        exact.ShouldBeGreaterThan(solved / 2);
    }

    [Fact]
    public void Fenced_replicas_and_a_banned_workload_in_two_zones_need_idle_spares_of_each_group()
    {
        // Zone "" holds two fenced replicas (spread) and a banned workload; zone dmz one fenced and one banned workload.
        // With N+1: a failed licensed host of either zone needs a licensed spare (or a third licensed host of zone ""),
        // a failed unlicensed one an unlicensed spare: 2 + 1 + 1 + 1 hosts loaded, plus one spare of each group, 7 hosts.
        var problem = new PlacementProblem
        {
            ItemNames = ["a", "b", "c", "d", "e"],
            DimensionNames = ["cpu", "memory"],
            Demand = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
            Capacity = [10, 10],
            FailoverCapacity = [10, 10],
            Failures = 1,
            Spread = [[0, 1]],
            Zone = [0, 0, 0, 1, 1],
            ZoneNames = ["", "dmz"],
            Fence = [0, 0, -1, 0, -1],
            Ban = [[], [], [0], [], [0]],
            GroupNames = ["licensed"],
        };

        var units = Units.Build(problem);
        var optimum = ExhaustivePlacement.Optimum(problem, 9);

        SpareBounds.Compute(units, 0)!.Hosts.ShouldBe(optimum!.Value);
        LowerBounds.Compute(units).Value.ShouldBe(optimum.Value);
    }
}
