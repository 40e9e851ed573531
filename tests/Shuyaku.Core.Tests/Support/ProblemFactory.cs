using Shuyaku.Core.Benchmarks.Packing;
using Shuyaku.Core.Placement;
using Shuyaku.Core.Placement.Search;

namespace Shuyaku.Core.Tests.Support;

/// <summary>Seeded problems with a known optimum, and problems with rules, for the solver tests.</summary>
internal static class ProblemFactory
{
    /// <summary>
    /// A perfect packing: <paramref name="bins"/> full bins, each split into 2–<paramref name="maxPerBin"/> items in every
    /// dimension independently, shuffled. The optimum is the volume bound, <paramref name="bins"/>.
    /// </summary>
    public static BinPackingInstance Perfect(int bins, int dimensions, int maxPerBin, int seed, long capacity = 100)
    {
        var rng = new Random(seed);
        var items = new List<long[]>();
        for (var b = 0; b < bins; b++)
        {
            var count = 2 + rng.Next(maxPerBin - 1);
            var parts = new long[count][];
            for (var i = 0; i < count; i++)
            {
                parts[i] = new long[dimensions];
            }

            for (var k = 0; k < dimensions; k++)
            {
                var cuts = Enumerable.Range(0, count - 1).Select(_ => 1 + rng.NextInt64(capacity - 1)).Append(0).Append(capacity).Distinct().Order().ToArray();
                while (cuts.Length < count + 1)
                {
                    cuts = [.. cuts.Append(1 + rng.NextInt64(capacity - 1)).Distinct().Order()];
                }

                for (var i = 0; i < count; i++)
                {
                    parts[i][k] = cuts[i + 1] - cuts[i];
                }
            }

            items.AddRange(parts);
        }

        var shuffled = items.ToArray();
        rng.Shuffle(shuffled);
        return new BinPackingInstance
        {
            Name = $"perfect_{bins}_{dimensions}_{seed}",
            Class = "perfect",
            Path = "perfect",
            Capacity = Enumerable.Repeat(capacity, dimensions).ToArray(),
            Sizes = shuffled.SelectMany(s => s).ToArray(),
        };
    }

    /// <summary>A trivially feasible hint: every item on a host of its own.</summary>
    public static PlacementSolution OneItemPerHost(PlacementProblem p) =>
        new(p.Items, Enumerable.Repeat(-1, p.Items).ToArray(), Enumerable.Range(0, p.Items).ToArray(), "one item per host");

    /// <summary>The fewest hosts of a rule-free problem, by trying every item on every open host or a new one (a few items only).</summary>
    public static int BruteForceOptimum(PlacementProblem p)
    {
        var best = p.Items;
        var load = new double[p.Items, p.Dimensions];
        void Place(int item, int open)
        {
            if (open >= best)
            {
                return;
            }

            if (item == p.Items)
            {
                best = open;
                return;
            }

            for (var b = 0; b <= open && b < p.Items; b++)
            {
                var fits = true;
                for (var k = 0; k < p.Dimensions; k++)
                {
                    fits &= load[b, k] + p.DemandOf(item, k) <= p.Capacity[k] + 1e-9;
                }

                if (!fits)
                {
                    continue;
                }

                for (var k = 0; k < p.Dimensions; k++)
                {
                    load[b, k] += p.DemandOf(item, k);
                }

                Place(item + 1, Math.Max(open, b + 1));
                for (var k = 0; k < p.Dimensions; k++)
                {
                    load[b, k] -= p.DemandOf(item, k);
                }
            }
        }

        Place(0, 0);
        return best;
    }

    /// <summary>
    /// An exact backend's result beside the brute-forced optimum: its bound never above it, its plan (else the hint of one
    /// item per host) never below it, proven only at it, and the plan valid.
    /// </summary>
    public static void ShouldAgreeWithOptimum(ExactResult result, int optimum, BinPackingInstance instance)
    {
        result.LowerBound.ShouldBeLessThanOrEqualTo(optimum);
        var hosts = result.Solution?.HostCount ?? instance.Items;
        hosts.ShouldBeGreaterThanOrEqualTo(optimum);
        if (result.Optimal)
        {
            hosts.ShouldBe(optimum);
        }

        if (result.Solution is { } s)
        {
            PackingChecker.Check(instance, PackingChecker.BinsOf(s.HostOfItem, s.HostCount)).ShouldBeEmpty();
        }
    }

    /// <summary>
    /// A packing of <paramref name="units"/> on hosts opened with the labels <paramref name="labels"/> (a host group, or −1),
    /// item i placed (with its unit) on host <paramref name="hostOf"/>[i].
    /// </summary>
    public static Packing Packed(Units units, int[] labels, int[] hostOf)
    {
        var packing = new Packing(units);
        var hosts = labels.Select(packing.Open).ToArray();
        for (var i = 0; i < hostOf.Length; i++)
        {
            packing.Place(units.UnitOfItem[i], hosts[hostOf[i]]);
        }

        return packing;
    }

    /// <summary>Items of equal small size, one dimension, capacity 10.</summary>
    public static PlacementProblem Small(int items, double size = 1) => new()
    {
        ItemNames = Enumerable.Range(0, items).Select(i => $"w{i}").ToArray(),
        DimensionNames = ["cpu"],
        Demand = Enumerable.Repeat(size, items).ToArray(),
        Capacity = [10],
        FailoverCapacity = [10],
    };

    /// <summary>The problem with these rules (and N+k) instead of its own; two host groups and up to three zones named.</summary>
    public static PlacementProblem WithRules(
        PlacementProblem p,
        int[][]? spread = null,
        int[][]? gather = null,
        int[]? zone = null,
        bool[]? lonely = null,
        int[]? fence = null,
        int[][]? ban = null,
        MaxPerHostRule[]? maxPerHost = null,
        int failures = 0) => new()
        {
            ItemNames = p.ItemNames,
            DimensionNames = p.DimensionNames,
            Demand = p.Demand,
            Capacity = p.Capacity,
            FailoverCapacity = p.FailoverCapacity,
            Spread = spread ?? [],
            Gather = gather ?? [],
            Zone = zone,
            ZoneNames = zone is null ? [""] : ["", "z1", "z2"],
            Lonely = lonely,
            Fence = fence,
            Ban = ban ?? (fence is null ? null : p.ItemNames.Select(_ => Array.Empty<int>()).ToArray()),
            GroupNames = ["g0", "g1"],
            MaxPerHost = maxPerHost ?? [],
            Failures = failures,
        };
}
