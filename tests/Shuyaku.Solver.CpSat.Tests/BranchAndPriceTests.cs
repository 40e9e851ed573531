using Shuyaku.Core.Benchmarks.Packing;
using Shuyaku.Core.Placement;
using Shuyaku.Core.Tests.Support;

namespace Shuyaku.Solver.CpSat.Tests;

/// <summary>
/// Branch and price on small generated instances of known optimum; every search is bounded by its nodes and LP solves
/// (the cap of two minutes is only a safety net, far above what these take).
/// </summary>
public sealed class BranchAndPriceTests
{
    private static readonly ExactBudget Limit = new() { Cap = TimeSpan.FromMinutes(2), LpSolves = 20_000 };

    [Theory]
    [InlineData(1, 2, 6)]
    [InlineData(2, 3, 6)]
    [InlineData(3, 5, 5)]
    [InlineData(4, 1, 6)]
    public void Perfect_packings_of_any_items_per_host_are_found_from_first_fit_and_proven(int seed, int dimensions, int maxPerBin)
    {
        var instance = ProblemFactory.Perfect(bins: 10, dimensions, maxPerBin, seed);
        var items = VectorItems.From(instance.ToProblem(), minDimensions: 1)!;
        var ffd = items.FirstFitDecreasing(Enumerable.Range(0, items.Count));
        var search = new BranchAndPrice(items, Limit, nodeLimit: 2_000);

        search.Run(ffd, ffd.Count, 0);

        search.Best.ShouldBe(10);
        search.Bound.ShouldBe(10);
        var bins = search.BestBins ?? ffd;
        PackingChecker.Check(instance, PackingChecker.BinsOf(items.Assign(bins), bins.Count)).ShouldBeEmpty();
    }

    [Fact]
    public void The_tree_proves_an_optimum_one_above_the_rounded_lp_bound()
    {
        // Two triangles that cannot mix (Gadget): the LP covers each with its three pairs at one half, 3 hosts, while
        // every packing needs 4. Only branching closes the gap.
        var problem = Gadget();
        var items = VectorItems.From(problem, minDimensions: 1)!;
        var four = new List<int[]> { new[] { 0, 1 }, new[] { 2 }, new[] { 3, 4 }, new[] { 5 } };
        var search = new BranchAndPrice(items, Limit, nodeLimit: 200);

        search.Run(four, 4, 0);

        search.Best.ShouldBe(4);
        search.Bound.ShouldBe(4);
        search.Nodes.ShouldBeGreaterThan(1);
        search.Status().ShouldEndWith("proven");
    }

    [Fact]
    public void A_search_stopped_by_its_node_limit_proves_nothing_beyond_the_root()
    {
        var search = new BranchAndPrice(VectorItems.From(Gadget(), minDimensions: 1)!, Limit, nodeLimit: 1);

        search.Run([[0, 1], [2], [3, 4], [5]], 4, 0);

        search.Best.ShouldBe(4);
        search.Bound.ShouldBe(3);
        search.Status().ShouldEndWith("not proven");
    }

    [Fact]
    public void Column_generation_hands_the_gap_to_branch_and_price_which_proves_the_hint_optimal()
    {
        var problem = Gadget();
        var hint = new PlacementSolution(4, [-1, -1, -1, -1], [0, 0, 1, 2, 2, 3], "hint");

        var result = new VectorColumnSolver().Solve(problem, hint, 0, Limit, null);

        result.LowerBound.ShouldBe(4);
        result.Optimal.ShouldBeTrue();
        result.Status.ShouldContain("branch and price");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Bounds_and_packings_agree_with_brute_force_on_tiny_instances(int seed)
    {
        var rng = new Random(seed);
        for (var round = 0; round < 12; round++)
        {
            var n = 4 + rng.Next(5);
            var d = 1 + rng.Next(3);
            var sizes = Enumerable.Range(0, n * d).Select(_ => (long)rng.Next(1, 21)).ToArray();
            var instance = new BinPackingInstance { Name = $"tiny{round}", Class = "test", Path = "tiny", Capacity = [.. Enumerable.Repeat(20L, d)], Sizes = sizes };
            var problem = instance.ToProblem();
            var optimum = ProblemFactory.BruteForceOptimum(problem);
            var items = VectorItems.From(problem, minDimensions: 1)!;
            var search = new BranchAndPrice(items, Limit, nodeLimit: 500);

            search.Run([], n, 0);

            search.Bound.ShouldBeLessThanOrEqualTo(optimum);
            search.Best.ShouldBeGreaterThanOrEqualTo(optimum);
            search.Best.ShouldBe(optimum);
            search.Bound.ShouldBe(optimum);
            if (search.BestBins is { } bins)
            {
                PackingChecker.Check(instance, PackingChecker.BinsOf(items.Assign(bins), bins.Count)).ShouldBeEmpty();
            }
        }
    }

    [Theory]
    [InlineData(1, 3, 8)]
    [InlineData(2, 5, 8)]
    [InlineData(3, 2, 5)]
    public void Perfect_packings_are_found_by_the_exact_fill_dive_at_the_root(int seed, int dimensions, int maxPerBin)
    {
        // The tree may open its root only: the packing must come from the root LP or the dive that fixes its patterns.
        var instance = PerfectPackings.Generate(bins: 12, dimensions, minPerBin: 2, maxPerBin, seed, capacity: 200);
        var items = VectorItems.From(instance.ToProblem(), minDimensions: 1)!;
        var ffd = items.FirstFitDecreasing(Enumerable.Range(0, items.Count));
        var search = new BranchAndPrice(items, Limit, nodeLimit: 1);

        search.Run(ffd, ffd.Count, 0);

        search.Best.ShouldBe(12);
        search.Bound.ShouldBe(12);
        search.Nodes.ShouldBe(1);
        PackingChecker.Check(instance, PackingChecker.BinsOf(items.Assign(search.BestBins!), 12)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_tight_instance_without_an_exact_partition_is_proven_one_above_the_volume_bound(int dimensions)
    {
        // Demand 30 = 3 hosts of 10 in the first dimension, but only 5 + 5 fills a host exactly there: 4 hosts.
        long[] first = [5, 5, 5, 3, 3, 3, 3, 3];
        var sizes = first.SelectMany(a => Enumerable.Range(0, dimensions).Select(k => k == 0 ? a : 1L)).ToArray();
        var instance = new BinPackingInstance { Name = "tight", Class = "test", Path = "tight", Capacity = [.. Enumerable.Repeat(10L, dimensions)], Sizes = sizes };
        var items = VectorItems.From(instance.ToProblem(), minDimensions: 1)!;
        var search = new BranchAndPrice(items, Limit, nodeLimit: 50);

        search.Run([[0, 1], [2, 3], [4, 5, 6], [7]], 4, 0);

        search.Best.ShouldBe(4);
        search.Bound.ShouldBe(4);
        search.Status().ShouldEndWith("proven");
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void Bounds_and_packings_agree_with_brute_force_on_tiny_tight_instances(int seed)
    {
        // The first dimension's total is made a whole number of hosts, so the tree searches exact-fill patterns first.
        var rng = new Random(seed);
        for (var round = 0; round < 12; round++)
        {
            var n = 4 + rng.Next(5);
            var d = 1 + rng.Next(3);
            var sizes = Enumerable.Range(0, n * d).Select(_ => (long)rng.Next(1, 21)).ToArray();
            var total = Enumerable.Range(0, n).Sum(j => sizes[j * d]);
            var last = sizes[(n - 1) * d] + (20 - (total % 20));
            sizes[(n - 1) * d] = last > 20 ? last - 20 : last;
            var instance = new BinPackingInstance { Name = $"tight{round}", Class = "test", Path = "tight", Capacity = [.. Enumerable.Repeat(20L, d)], Sizes = sizes };
            var problem = instance.ToProblem();
            var optimum = ProblemFactory.BruteForceOptimum(problem);
            var items = VectorItems.From(problem, minDimensions: 1)!;
            var search = new BranchAndPrice(items, Limit, nodeLimit: 500);

            search.Run([], n, 0);

            search.Bound.ShouldBe(optimum);
            search.Best.ShouldBe(optimum);
            if (search.BestBins is { } bins)
            {
                PackingChecker.Check(instance, PackingChecker.BinsOf(items.Assign(bins), bins.Count)).ShouldBeEmpty();
            }
        }
    }

    /// <summary>
    /// Items a1–a3 and b1–b3 over four dimensions of capacity 100: any two a's share a host, any two b's too, no three of
    /// a kind and no a with a b. The a's take 45 of each b's own dimension (where that b takes 60, the other b's 10) and 10
    /// of the last, where every b takes 45.
    /// </summary>
    private static PlacementProblem Gadget()
    {
        double[] a = [45, 45, 45, 10];
        double[][] b = [[60, 10, 10, 45], [10, 60, 10, 45], [10, 10, 60, 45]];
        return new PlacementProblem
        {
            ItemNames = ["a1", "a2", "a3", "b1", "b2", "b3"],
            DimensionNames = ["k1", "k2", "k3", "m"],
            Demand = [.. a, .. a, .. a, .. b[0], .. b[1], .. b[2]],
            Capacity = [100, 100, 100, 100],
            FailoverCapacity = [100, 100, 100, 100],
        };
    }
}
