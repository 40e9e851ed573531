using Shuyaku.Core.Placement;
using Shuyaku.Core.Placement.Bounds;
using Shuyaku.Core.Placement.Search;

namespace Shuyaku.Core.Tests.Placement.Bounds;

/// <summary>The lower bound, rule arguments included, never exceeds the optimum found by exhaustive search on tiny problems.</summary>
public sealed class RuleBoundsTests
{
    /// <summary>A tiny random problem: 3–6 items of 2 resources, zones, a lonely item, spread, gather, max-per-host, fence and ban, N+1 or N+2.</summary>
    internal static PlacementProblem Tiny(int seed)
    {
        var rng = new Random(seed);
        var n = rng.Next(3, 7);
        var demand = new double[n * 2];
        for (var i = 0; i < demand.Length; i++)
        {
            demand[i] = rng.Next(1, 8);
        }

        var zone = Enumerable.Range(0, n).Select(_ => rng.NextDouble() < 0.3 ? 1 : 0).ToArray();
        var lonely = Enumerable.Range(0, n).Select(_ => rng.NextDouble() < 0.12).ToArray();
        var fence = Enumerable.Range(0, n).Select(_ => rng.NextDouble() < 0.3 ? 0 : -1).ToArray();
        var ban = Enumerable.Range(0, n).Select(i => fence[i] < 0 && rng.NextDouble() < 0.3 ? new[] { 0 } : []).ToArray();
        var order = Enumerable.Range(0, n).OrderBy(_ => rng.Next()).ToList();
        var spread = new List<int[]>();
        if (rng.NextDouble() < 0.6)
        {
            spread.Add(order.Take(rng.Next(2, Math.Min(4, n) + 1)).ToArray());
        }

        var gather = new List<int[]>();
        var free = order.Skip(spread.Count == 0 ? 0 : spread[0].Length).Where(i => !lonely[i]).ToList();
        if (rng.NextDouble() < 0.3 && free.Count >= 2 && zone[free[0]] == zone[free[1]] && fence[free[0]] == fence[free[1]])
        {
            gather.Add([free[0], free[1]]);
        }

        var maxPerHost = rng.NextDouble() < 0.3 ? new[] { new MaxPerHostRule("m", rng.Next(1, 3), order.Take(3).ToArray()) } : [];
        var failover = rng.Next(10, 13);
        return new PlacementProblem
        {
            ItemNames = Enumerable.Range(0, n).Select(i => $"w{i}").ToArray(),
            DimensionNames = ["cpu", "memory"],
            Demand = demand,
            Capacity = [10, 10],
            FailoverCapacity = [failover, failover],
            Failures = rng.Next(1, 3),
            Spread = [.. spread],
            Gather = [.. gather],
            Zone = zone,
            ZoneNames = ["", "dmz"],
            Lonely = lonely,
            Fence = fence,
            Ban = ban,
            GroupNames = ["licensed"],
            MaxPerHost = maxPerHost,
        };
    }

    [Fact]
    public void The_bound_never_exceeds_the_exhaustive_optimum_on_tiny_problems_with_every_rule_and_n_plus_k()
    {
        var solved = 0;
        var byRules = 0;
        for (var seed = 1; seed <= 400; seed++)
        {
            var problem = Tiny(seed);
            var units = Units.Build(problem);
            if (units.Impossible is not null)
            {
                continue;
            }

            var bound = LowerBounds.Compute(units);
            var optimum = ExhaustivePlacement.Optimum(problem, maxHosts: 11, nodeBudget: 2_000_000);
            if (optimum is null)
            {
                continue;
            }

            solved++;
            bound.Value.ShouldBeLessThanOrEqualTo(optimum.Value, $"seed {seed}: {string.Join("; ", bound.Parts.Select(p => $"{p.Kind} {p.Hosts}"))}");
            if (bound.Parts.Any(p => p.Kind == "n+k-rules" && p.Hosts == optimum))
            {
                byRules++;
            }
        }

        // The search must have decided most problems, and the rule argument must reach the optimum on some.
        solved.ShouldBeGreaterThan(300);
        byRules.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void A_fenced_spread_pair_and_a_banned_workload_with_n_plus_1_need_a_spare_on_each_side()
    {
        // Two fenced replicas need two licensed hosts and, when one fails, a third; the banned workload needs a host of
        // no group and, when it fails, another: 3 + 2 = 5, where the plain N+1 argument sees 1 + 2.
        var problem = new PlacementProblem
        {
            ItemNames = ["a", "b", "c"],
            DimensionNames = ["cpu", "memory"],
            Demand = [1, 1, 1, 1, 1, 1],
            Capacity = [10, 10],
            FailoverCapacity = [10, 10],
            Failures = 1,
            Spread = [[0, 1]],
            Fence = [0, 0, -1],
            Ban = [[], [], [0]],
            GroupNames = ["licensed"],
        };

        var bound = LowerBounds.Compute(Units.Build(problem));

        bound.Value.ShouldBe(5);
        bound.Deciding.Kind.ShouldBe("n+k-rules");
        ExhaustivePlacement.Optimum(problem, 8).ShouldBe(5);
    }
}
