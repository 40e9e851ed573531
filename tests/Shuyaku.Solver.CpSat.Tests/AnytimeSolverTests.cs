using Shuyaku.Core.Benchmarks.Packing;
using Shuyaku.Core.Placement;
using Shuyaku.Core.Tests.Support;

namespace Shuyaku.Solver.CpSat.Tests;

/// <summary>The anytime solver with the OR-Tools backends: CP-SAT, and column generation run first where it is stronger.</summary>
public sealed class AnytimeSolverTests
{
    private static readonly SolveOptions WithCpSat = new() { TimeLimit = TimeSpan.FromMinutes(1), MaxIterations = 20_000, Exact = new CpSatSolver() };

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

    [Fact]
    public void One_dimensional_packing_goes_to_column_generation_first_and_is_proven_at_the_optimum()
    {
        // 70 bins of 1000, each cut into 2-3 items, which the heuristics do not pack into 70 bins: column
        // generation, run first, finds the packing and proves it.
        var instance = ProblemFactory.Perfect(bins: 70, dimensions: 1, maxPerBin: 3, seed: 21, capacity: 1000);
        var problem = instance.ToProblem();
        var backend = new OrToolsSolver();
        backend.PrefersFirst(problem).ShouldBeTrue();

        var result = PlacementSolver.Solve(problem, new SolveOptions { TimeLimit = TimeSpan.FromMinutes(2), MaxIterations = 20_000, Exact = backend });

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

        var result = PlacementSolver.Solve(problem, new SolveOptions { TimeLimit = TimeSpan.FromMinutes(2), MaxIterations = 20_000, Exact = backend });

        result.Solution!.HostCount.ShouldBe(40);
        result.Solution.Method.ShouldBe("column generation");
        result.Bound.Value.ShouldBe(40);
        PackingChecker.Check(instance, PackingChecker.BinsOf(result.Solution.HostOfItem, result.Solution.HostCount)).ShouldBeEmpty();
    }
}
