using Shuyaku.Core.Benchmarks.Packing;
using Shuyaku.Core.Placement;
using Shuyaku.Core.Tests.Support;

namespace Shuyaku.Solver.CpSat.Tests;

public sealed class CuttingStockSolverTests
{
    private static readonly ExactBudget Limit = new() { Cap = TimeSpan.FromMinutes(2) };

    [Theory]
    [InlineData(1, 4)]
    [InlineData(2, 3)]
    [InlineData(3, 5)]
    [InlineData(4, 4)]
    public void Perfect_packings_are_solved_to_the_full_bin_count_and_proven(int seed, int maxPerBin)
    {
        var instance = ProblemFactory.Perfect(bins: 15, dimensions: 1, maxPerBin, seed, capacity: 1000);
        var problem = instance.ToProblem();

        var result = new CuttingStockSolver(seed).Solve(problem, ProblemFactory.OneItemPerHost(problem), 0, Limit, null);

        result.Solution!.HostCount.ShouldBe(15);
        result.LowerBound.ShouldBe(15);
        result.Optimal.ShouldBeTrue();
        result.Solution.Method.ShouldBe("column generation");
        result.Solution.HostGroup.ShouldAllBe(g => g == -1);
        PackingChecker.Check(instance, PackingChecker.BinsOf(result.Solution.HostOfItem, result.Solution.HostCount)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Triplet_instances_fill_every_bin_with_exactly_three_items(int seed)
    {
        var instance = Triplets(bins: 20, seed);
        var problem = instance.ToProblem();

        var result = new CuttingStockSolver(seed).Solve(problem, PlacementSolver.FirstFitDecreasing(problem), 0, Limit, null);

        result.Solution!.HostCount.ShouldBe(20);
        result.Optimal.ShouldBeTrue();
        result.Status.ShouldBe("LP bound 20, dive 20");
        PackingChecker.Check(instance, PackingChecker.BinsOf(result.Solution.HostOfItem, result.Solution.HostCount)).ShouldBeEmpty();
    }

    [Fact]
    public void Repeated_sizes_are_packed_as_item_types_with_demands()
    {
        // 3 × 50, 3 × 30, 6 × 20 on bins of 100: three bins of 50 + 30 + 20 and one of 20 × 3 (volume 330, so four bins).
        long[] sizes = [50, 50, 50, 30, 30, 30, 20, 20, 20, 20, 20, 20];
        var instance = new BinPackingInstance { Name = "types", Class = "test", Path = "types", Capacity = [100], Sizes = sizes };
        var problem = instance.ToProblem();

        var result = new CuttingStockSolver().Solve(problem, ProblemFactory.OneItemPerHost(problem), 0, Limit, null);

        result.Solution!.HostCount.ShouldBe(4);
        result.Optimal.ShouldBeTrue();
        PackingChecker.Check(instance, PackingChecker.BinsOf(result.Solution.HostOfItem, result.Solution.HostCount)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void The_lp_bound_never_exceeds_the_brute_forced_optimum_and_packings_never_beat_it(int seed)
    {
        var rng = new Random(seed);
        for (var round = 0; round < 20; round++)
        {
            var sizes = Enumerable.Range(0, 4 + rng.Next(5)).Select(_ => (long)rng.Next(1, 21)).ToArray();
            var instance = new BinPackingInstance { Name = $"tiny{round}", Class = "test", Path = "tiny", Capacity = [20], Sizes = sizes };
            var problem = instance.ToProblem();
            var optimum = ProblemFactory.BruteForceOptimum(problem);

            var result = new CuttingStockSolver(seed).Solve(problem, ProblemFactory.OneItemPerHost(problem), 0, Limit, null);

            ProblemFactory.ShouldAgreeWithOptimum(result, optimum, instance);
        }
    }

    [Fact]
    public void A_hint_that_meets_the_bound_is_kept()
    {
        var problem = ProblemFactory.Small(20);
        var hint = PlacementSolver.FirstFitDecreasing(problem);

        var result = new CuttingStockSolver().Solve(problem, hint, 0, Limit, null);

        hint.HostCount.ShouldBe(2);
        result.Solution.ShouldBeNull();
        result.LowerBound.ShouldBe(2);
        result.Optimal.ShouldBeTrue();
    }

    [Fact]
    public void One_dimensional_problems_without_rules_are_accepted_even_with_unused_dimensions()
    {
        var solver = new CuttingStockSolver();

        solver.Accepts(ProblemFactory.Small(5)).ShouldBeTrue();
        solver.Accepts(TwoDimensional(second: 0)).ShouldBeTrue();
    }

    [Fact]
    public void Problems_with_rules_failures_fractions_or_a_second_used_dimension_are_declined()
    {
        var solver = new CuttingStockSolver();
        var small = ProblemFactory.Small(5);

        solver.Accepts(TwoDimensional(second: 1)).ShouldBeFalse();
        solver.Accepts(ProblemFactory.WithRules(small, spread: [[0, 1]])).ShouldBeFalse();
        solver.Accepts(ProblemFactory.WithRules(small, gather: [[0, 1]])).ShouldBeFalse();
        solver.Accepts(ProblemFactory.WithRules(small, lonely: [true, false, false, false, false])).ShouldBeFalse();
        solver.Accepts(ProblemFactory.WithRules(small, zone: [0, 1, 0, 0, 0])).ShouldBeFalse();
        solver.Accepts(ProblemFactory.WithRules(small, fence: [-1, 0, -1, -1, -1])).ShouldBeFalse();
        solver.Accepts(ProblemFactory.WithRules(small, ban: [[], [0], [], [], []])).ShouldBeFalse();
        solver.Accepts(ProblemFactory.WithRules(small, maxPerHost: [new MaxPerHostRule("two", 2, null)])).ShouldBeFalse();
        solver.Accepts(ProblemFactory.WithRules(small, failures: 1)).ShouldBeFalse();
        solver.Accepts(ProblemFactory.Small(5, size: 1.5)).ShouldBeFalse();
    }

    /// <summary>Bins of 1000 each filled exactly by three items, as in Falkenauer's triplets.</summary>
    private static BinPackingInstance Triplets(int bins, int seed)
    {
        var rng = new Random(seed);
        var sizes = new List<long>();
        for (var b = 0; b < bins; b++)
        {
            long first = rng.Next(380, 491);
            long second = rng.Next(250, (int)((1000 - first) / 2) + 1);
            sizes.AddRange([first, second, 1000 - first - second]);
        }

        var shuffled = sizes.ToArray();
        rng.Shuffle(shuffled);
        return new BinPackingInstance { Name = $"triplets_{seed}", Class = "test", Path = "triplets", Capacity = [1000], Sizes = shuffled };
    }

    private static PlacementProblem TwoDimensional(double second) => new()
    {
        ItemNames = ["a", "b", "c"],
        DimensionNames = ["cpu", "ram"],
        Demand = [4, second, 5, second, 6, 0],
        Capacity = [10, 10],
        FailoverCapacity = [10, 10],
    };
}
