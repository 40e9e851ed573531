using Shuyaku.Core.Benchmarks.Packing;
using Shuyaku.Core.Placement;
using Shuyaku.Core.Tests.Support;

namespace Shuyaku.Solver.CpSat.Tests;

public sealed class StockBranchAndPriceTests
{
    // Node and LP budgets end these searches; the cap only guards a machine far too slow.
    private static readonly ExactBudget Budget = new() { Cap = TimeSpan.FromMinutes(2) };

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void A_closed_tree_proves_the_brute_forced_optimum_and_its_packing_passes_the_checker(int seed)
    {
        var rng = new Random(seed);
        for (var round = 0; round < 15; round++)
        {
            var sizes = Enumerable.Range(0, 5 + rng.Next(5)).Select(_ => (long)rng.Next(3, 31)).ToArray();
            var instance = new BinPackingInstance { Name = $"tiny{round}", Class = "test", Path = "tiny", Capacity = [30], Sizes = sizes };
            var problem = instance.ToProblem();
            var stock = Stock.From(problem)!;
            var optimum = ProblemFactory.BruteForceOptimum(problem);

            var tree = StockBranchAndPrice.Run(stock, [], problem.Items + 1, 0, Budget, 100_000);

            tree.Closed.ShouldBeTrue();
            tree.Bound.ShouldBe(optimum);
            tree.Best.ShouldBe(optimum);
            Check(instance, stock, tree.BestBins!);
        }
    }

    [Fact]
    public void Perfect_packings_first_fit_decreasing_misses_are_found_by_branching_and_the_tree_closes()
    {
        // Ten full bins of 1000 cut into 2–6 items each: the optimum is ten, which only an exact fill of every bin reaches.
        var branched = 0;
        var improved = 0;
        for (var seed = 1; seed <= 12; seed++)
        {
            var instance = ProblemFactory.Perfect(bins: 10, dimensions: 1, maxPerBin: 6, seed, capacity: 1000);
            var stock = Stock.From(instance.ToProblem())!;
            var ffd = stock.FirstFitDecreasing(stock.Demand);

            var tree = StockBranchAndPrice.Run(stock, ffd, ffd.Count, 0, Budget, 100_000);

            tree.Closed.ShouldBeTrue();
            tree.Best.ShouldBe(10);
            tree.Bound.ShouldBe(10);
            if (tree.BestBins is { } bins)
            {
                Check(instance, stock, bins);
                improved++;
            }

            branched += tree.Nodes > 1 ? 1 : 0;
        }

        improved.ShouldBeGreaterThan(0);
        branched.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void A_search_stopped_by_its_lp_budget_is_not_closed_and_keeps_the_root_bound_only()
    {
        // 4 × 40, 4 × 35 and 3 × 30 on bins of 100: volume 390, so at least four bins.
        var instance = new BinPackingInstance { Name = "cut", Class = "test", Path = "cut", Capacity = [100], Sizes = [40, 40, 40, 40, 35, 35, 35, 35, 30, 30, 30] };
        var stock = Stock.From(instance.ToProblem())!;

        var tree = StockBranchAndPrice.Run(stock, [], instance.Sizes.Length + 1, 0, Budget, lpSolveLimit: 1);

        tree.Closed.ShouldBeFalse();
        tree.BudgetStopped.ShouldBeTrue();
        tree.Bound.ShouldBe(4);
        tree.Status().ShouldEndWith("stopped by its budget");
    }

    private static void Check(BinPackingInstance instance, Stock stock, List<int[]> bins)
    {
        var host = stock.Assign(bins);
        PackingChecker.Check(instance, PackingChecker.BinsOf(host, bins.Count)).ShouldBeEmpty();
    }
}
