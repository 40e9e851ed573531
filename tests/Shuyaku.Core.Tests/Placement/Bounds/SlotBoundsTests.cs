using Shuyaku.Core.Placement;
using Shuyaku.Core.Placement.Bounds;
using Shuyaku.Core.Placement.Search;

namespace Shuyaku.Core.Tests.Placement.Bounds;

/// <summary>The N+k argument by spare counts and free slots (<c>n+k-slots</c>) against the exhaustive optimum and its own definition.</summary>
public sealed class SlotBoundsTests
{
    /// <summary>
    /// A tiny problem where a max-per-host rule over every workload binds: small workloads, a limit of 2 or 3, some fenced
    /// to the one host group and some banned from it, a second zone and lonely workloads now and then, N+1 or N+2.
    /// </summary>
    internal static PlacementProblem Slotted(int seed)
    {
        var rng = new Random(seed * 7 + 3);
        var n = rng.Next(4, 8);
        var demand = new double[n * 2];
        for (var i = 0; i < demand.Length; i++)
        {
            demand[i] = rng.Next(1, 5);
        }

        var zone = Enumerable.Range(0, n).Select(_ => rng.NextDouble() < 0.15 ? 1 : 0).ToArray();
        var lonely = Enumerable.Range(0, n).Select(_ => rng.NextDouble() < 0.08).ToArray();
        var fence = Enumerable.Range(0, n).Select(_ => rng.NextDouble() < 0.35 ? 0 : -1).ToArray();
        var ban = Enumerable.Range(0, n).Select(i => fence[i] < 0 && rng.NextDouble() < 0.4 ? new[] { 0 } : []).ToArray();
        var spread = rng.NextDouble() < 0.3 ? new[] { Enumerable.Range(0, n).OrderBy(_ => rng.Next()).Take(2).ToArray() } : [];
        var rules = new List<MaxPerHostRule> { new("all", rng.Next(2, 4), null) };
        if (rng.NextDouble() < 0.2)
        {
            rules.Add(new MaxPerHostRule("m", 1, Enumerable.Range(0, n).OrderBy(_ => rng.Next()).Take(3).ToArray()));
        }

        var failover = rng.Next(10, 13);
        return new PlacementProblem
        {
            ItemNames = Enumerable.Range(0, n).Select(i => $"w{i}").ToArray(),
            DimensionNames = ["cpu", "memory"],
            Demand = demand,
            Capacity = [10, 10],
            FailoverCapacity = [failover, failover],
            Failures = rng.Next(1, 3),
            Spread = spread,
            Gather = [],
            Zone = zone,
            ZoneNames = ["", "dmz"],
            Lonely = lonely,
            Fence = fence,
            Ban = ban,
            GroupNames = ["licensed"],
            MaxPerHost = [.. rules],
        };
    }

    [Fact]
    public void The_free_slot_argument_never_exceeds_the_exhaustive_optimum_where_a_max_per_host_rule_binds()
    {
        var solved = 0;
        var exact = 0;
        var aboveSpares = 0;
        for (var seed = 1; seed <= 700; seed++)
        {
            var problem = Slotted(seed);
            var units = Units.Build(problem);
            if (units.Impossible is not null)
            {
                continue;
            }

            var table = ZoneNeeds.Build(units);
            var slots = SpareBounds.Fewest(units, table, SpareBounds.WorkLimit, slots: true);
            var spares = SpareBounds.Fewest(units, table);
            var optimum = ExhaustivePlacement.Optimum(problem, maxHosts: 11, nodeBudget: 2_000_000);
            if (optimum is null || slots == 0)
            {
                continue;
            }

            solved++;
            slots.ShouldBeGreaterThanOrEqualTo(spares, $"seed {seed}");
            slots.ShouldBeLessThanOrEqualTo(optimum.Value, $"seed {seed}");
            LowerBounds.Compute(units).Value.ShouldBeLessThanOrEqualTo(optimum.Value, $"seed {seed}");
            exact += slots == optimum ? 1 : 0;
            aboveSpares += slots > spares ? 1 : 0;
        }

        // Most problems decided; the argument reaches the optimum on many and proves more than the spare counts on some.
        solved.ShouldBeGreaterThan(400);
        exact.ShouldBeGreaterThan(solved / 2);
        aboveSpares.ShouldBeGreaterThan(30);
    }

    [Fact]
    public void The_argument_never_exceeds_the_exhaustive_optimum_on_the_tiny_problems_of_the_other_arguments_where_capacity_binds()
    {
        var solved = 0;
        var aboveSpares = 0;
        for (var seed = 1; seed <= 600; seed++)
        {
            var problem = RuleBoundsTests.Tiny(seed);
            var units = Units.Build(problem);
            if (units.Impossible is not null)
            {
                continue;
            }

            var table = ZoneNeeds.Build(units);
            var slots = SpareBounds.Fewest(units, table, SpareBounds.WorkLimit, slots: true);
            if (ExhaustivePlacement.Optimum(problem, maxHosts: 11, nodeBudget: 2_000_000) is not { } optimum)
            {
                continue;
            }

            solved++;
            slots.ShouldBeLessThanOrEqualTo(optimum, $"seed {seed}");
            aboveSpares += slots > SpareBounds.Fewest(units, table) ? 1 : 0;
        }

        // Here demand of 1–7 against a capacity of 10 binds, not slots: the free room must raise some.
        solved.ShouldBeGreaterThan(400);
        aboveSpares.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Phi_is_the_least_free_slot_count_over_every_distribution_of_workloads_and_free_slots()
    {
        for (var b = 1; b <= 9; b++)
        {
            for (var n = 1; n <= 6; n++)
            {
                for (var f = 1; f <= 3; f++)
                {
                    // The definition: the least F such that some split of b bound workloads and F free slots over n hosts
                    // has its f largest hosts (workloads plus free slots) at most F.
                    int? least = null;
                    for (var free = 0; free <= 60 && least is null; free++)
                    {
                        if (LeastTop(b + free, n, f) <= free)
                        {
                            least = free;
                        }
                    }

                    var phi = SlotBounds.Phi(b, n, f);
                    if (least is null)
                    {
                        n.ShouldBeLessThanOrEqualTo(f, $"b {b}, n {n}, f {f}");
                        phi.ShouldBeGreaterThan(1_000_000);
                    }
                    else
                    {
                        phi.ShouldBe(least.Value, $"b {b}, n {n}, f {f}");
                    }
                }
            }
        }
    }

    [Fact]
    public void Top_is_the_least_sum_of_the_f_largest_over_every_split_into_n_whole_numbers()
    {
        for (var sum = 0; sum <= 12; sum++)
        {
            for (var n = 1; n <= 5; n++)
            {
                for (var f = 1; f <= n; f++)
                {
                    SlotBounds.Top(sum, n, f).ShouldBe(LeastTop(sum, n, f), $"sum {sum}, n {n}, f {f}");
                }
            }
        }
    }

    /// <summary>
    /// By enumeration: the least, over every split of <paramref name="sum"/> into n non-negative whole numbers, of its f
    /// largest summed (splits enumerated in non-increasing order, so the f largest are the first f).
    /// </summary>
    private static long LeastTop(int sum, int n, int f)
    {
        var least = long.MaxValue;
        var parts = new int[n];
        void Split(int i, int left, int most)
        {
            if (i == n)
            {
                if (left == 0)
                {
                    least = Math.Min(least, parts.Take(f).Sum());
                }

                return;
            }

            for (var x = Math.Min(most, left); x >= 0 && x * (n - i) >= left; x--)
            {
                parts[i] = x;
                Split(i + 1, left - x, x);
            }
        }

        Split(0, sum, sum);
        return least;
    }
}
