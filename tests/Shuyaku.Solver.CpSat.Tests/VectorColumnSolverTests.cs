using Shuyaku.Core.Benchmarks.Packing;
using Shuyaku.Core.Checking;
using Shuyaku.Core.Placement;
using Shuyaku.Core.Tests.Support;

namespace Shuyaku.Solver.CpSat.Tests;

public sealed class VectorColumnSolverTests
{
    private static readonly ExactBudget Limit = new() { Cap = TimeSpan.FromMinutes(2) };

    [Theory]
    [InlineData(1, 2, 3)]
    [InlineData(2, 3, 3)]
    [InlineData(3, 5, 3)]
    [InlineData(4, 2, 4)]
    public void Perfect_vector_packings_are_solved_to_the_full_bin_count_and_proven(int seed, int dimensions, int maxPerBin)
    {
        var instance = ProblemFactory.Perfect(bins: 12, dimensions, maxPerBin, seed);
        var problem = instance.ToProblem();

        var result = new VectorColumnSolver(seed).Solve(problem, ProblemFactory.OneItemPerHost(problem), 0, Limit, null);

        result.Solution!.HostCount.ShouldBe(12);
        result.LowerBound.ShouldBe(12);
        result.Optimal.ShouldBeTrue();
        result.Solution.Method.ShouldBe("column generation");
        PackingChecker.Check(instance, PackingChecker.BinsOf(result.Solution.HostOfItem, result.Solution.HostCount)).ShouldBeEmpty();
    }

    [Fact]
    public void The_lp_bound_beats_the_volume_bound_when_items_exclude_each_other()
    {
        // Ten items of (60, 10) and ten of (10, 60): no two of a kind share a host, so ten hosts of one of each. The volume
        // bound is 7; only the LP over patterns proves 10.
        var problem = Exclusive(pairs: 10, large: 60, small: 10);

        var result = new VectorColumnSolver().Solve(problem, ProblemFactory.OneItemPerHost(problem), 7, Limit, null);

        result.LowerBound.ShouldBe(10);
        result.Solution!.HostCount.ShouldBe(10);
        result.Optimal.ShouldBeTrue();
        SolutionChecker.Check(problem, result.Solution).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(1, 3)]
    [InlineData(2, 5)]
    public void Pricing_by_cp_sat_alone_still_proves_perfect_packings(int seed, int dimensions)
    {
        // A branch and bound of one node never ends within its limit, so every pricing that must prove goes to CP-SAT.
        var instance = ProblemFactory.Perfect(bins: 12, dimensions, maxPerBin: 4, seed);
        var problem = instance.ToProblem();
        var solver = new VectorColumnSolver(seed, pricingNodes: 1);

        var result = solver.Solve(problem, ProblemFactory.OneItemPerHost(problem), 0, Limit, null);

        result.Solution!.HostCount.ShouldBe(12);
        result.Optimal.ShouldBeTrue();
        result.Status.ShouldStartWith("LP bound 12");
        PackingChecker.Check(instance, PackingChecker.BinsOf(result.Solution.HostOfItem, result.Solution.HostCount)).ShouldBeEmpty();
    }

    [Fact]
    public void Pricing_by_cp_sat_over_rounded_demands_proves_no_bound_and_branch_and_price_proves_it_exactly()
    {
        // The exclusion instance of the test above in fractions: CP-SAT prices over thousandths rounded up, which could
        // miss a pattern that fits, so its optimum proves nothing and column generation's bound stays the volume bound, 8
        // (70.75 × 10 / 100). Branch and price, which follows, prices by the branch and bound over the problem's own
        // numbers (not starved there) and proves the 10. One node: the ten identical items of each size, taken by count,
        // let ten nodes complete the search.
        var problem = Exclusive(pairs: 10, large: 60.5, small: 10.25);
        var solver = new VectorColumnSolver(1, pricingNodes: 1);

        var result = solver.Solve(problem, ProblemFactory.OneItemPerHost(problem), 0, Limit, null);

        result.Solution!.HostCount.ShouldBe(10);
        result.Status.ShouldStartWith("LP bound not proven");
        result.Status.ShouldContain("branch and price");
        result.LowerBound.ShouldBe(10);
        result.Optimal.ShouldBeTrue();
        SolutionChecker.Check(problem, result.Solution).ShouldBeEmpty();
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
        for (var round = 0; round < 15; round++)
        {
            var n = 4 + rng.Next(5);
            var sizes = Enumerable.Range(0, n * 3).Select(_ => (long)rng.Next(1, 21)).ToArray();
            var instance = new BinPackingInstance { Name = $"tiny{round}", Class = "test", Path = "tiny", Capacity = [20, 20, 20], Sizes = sizes };
            var problem = instance.ToProblem();
            var optimum = ProblemFactory.BruteForceOptimum(problem);

            var result = new VectorColumnSolver(seed).Solve(problem, ProblemFactory.OneItemPerHost(problem), 0, Limit, null);

            ProblemFactory.ShouldAgreeWithOptimum(result, optimum, instance);
        }
    }

    [Fact]
    public void Items_without_demand_ride_on_the_first_host()
    {
        var problem = new PlacementProblem
        {
            ItemNames = ["a", "b", "idle", "c"],
            DimensionNames = ["cpu", "ram"],
            Demand = [60, 40, 50, 60, 0, 0, 40, 50],
            Capacity = [100, 100],
            FailoverCapacity = [100, 100],
        };

        var result = new VectorColumnSolver().Solve(problem, ProblemFactory.OneItemPerHost(problem), 0, Limit, null);

        result.Solution!.HostCount.ShouldBe(2);
        result.Solution.HostOfItem[2].ShouldBe(0);
        SolutionChecker.Check(problem, result.Solution).ShouldBeEmpty();
    }

    [Fact]
    public void A_hint_that_meets_the_bound_is_kept()
    {
        var problem = ProblemFactory.Perfect(bins: 3, dimensions: 2, maxPerBin: 2, seed: 1).ToProblem();
        var hint = PlacementSolver.Solve(problem, SolveOptions.Default).Solution!;

        var result = new VectorColumnSolver().Solve(problem, hint, 3, Limit, null);

        hint.HostCount.ShouldBe(3);
        result.Solution.ShouldBeNull();
        result.Optimal.ShouldBeTrue();
    }

    [Fact]
    public void Problems_with_rules_failures_one_used_dimension_or_too_many_items_are_declined()
    {
        var solver = new VectorColumnSolver();
        var vector = ProblemFactory.Perfect(bins: 3, dimensions: 2, maxPerBin: 2, seed: 1).ToProblem();

        solver.Accepts(vector).ShouldBeTrue();
        solver.Accepts(ProblemFactory.Small(5)).ShouldBeFalse();
        solver.Accepts(ProblemFactory.WithRules(vector, spread: [[0, 1]])).ShouldBeFalse();
        solver.Accepts(ProblemFactory.WithRules(vector, gather: [[0, 1]])).ShouldBeFalse();
        solver.Accepts(ProblemFactory.WithRules(vector, maxPerHost: [new MaxPerHostRule("two", 2, null)])).ShouldBeFalse();
        solver.Accepts(ProblemFactory.WithRules(vector, failures: 1)).ShouldBeFalse();
        var large = ProblemFactory.Perfect(bins: 600, dimensions: 2, maxPerBin: 2, seed: 1).ToProblem();
        large.Items.ShouldBeGreaterThan(VectorColumnSolver.ItemLimit);
        solver.Accepts(large).ShouldBeFalse();
    }

    /// <summary>Items of (large, small) and (small, large), as many of each as <paramref name="pairs"/>, on hosts of (100, 100).</summary>
    private static PlacementProblem Exclusive(int pairs, double large, double small) => new()
    {
        ItemNames = [.. Enumerable.Range(0, 2 * pairs).Select(i => $"vm{i}")],
        DimensionNames = ["cpu", "ram"],
        Demand = [.. Enumerable.Range(0, 2 * pairs).SelectMany(i => i % 2 == 0 ? new[] { large, small } : [small, large])],
        Capacity = [100, 100],
        FailoverCapacity = [100, 100],
    };
}
