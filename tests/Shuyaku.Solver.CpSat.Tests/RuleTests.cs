using Shuyaku.Core.Checking;
using Shuyaku.Core.Placement;
using Shuyaku.Core.Tests.Support;

namespace Shuyaku.Solver.CpSat.Tests;

/// <summary>Each rule on a tiny problem, through the CP-SAT backend directly and through the whole anytime solver.</summary>
public sealed class RuleTests
{
    public static TheoryData<string> Rules => ["spread", "gather", "zones", "lonely", "fence", "ban", "max per host", "all"];

    private static PlacementProblem WithRule(string rule)
    {
        // Eight items of size 1 on hosts of capacity 10: without rules one host holds them all.
        var p = ProblemFactory.Small(8);
        return rule switch
        {
            "spread" => ProblemFactory.WithRules(p, spread: [[0, 1, 2]]),
            "gather" => ProblemFactory.WithRules(ProblemFactory.Small(8, size: 3), gather: [[0, 1, 2]]),
            "zones" => ProblemFactory.WithRules(p, zone: [1, 1, 1, 2, 2, 0, 0, 0]),
            "lonely" => ProblemFactory.WithRules(p, lonely: [true, false, false, true, false, false, false, false]),
            "fence" => ProblemFactory.WithRules(p, fence: [0, 0, 1, -1, -1, -1, -1, -1]),
            "ban" => ProblemFactory.WithRules(p, fence: [0, -1, -1, -1, -1, -1, -1, -1], ban: [[], [0], [0], [], [], [], [], []]),
            "max per host" => ProblemFactory.WithRules(p, maxPerHost: [new MaxPerHostRule("three", 3, null)]),
            _ => ProblemFactory.WithRules(ProblemFactory.Small(8, size: 2), spread: [[0, 1]], gather: [[2, 3]], zone: [0, 0, 0, 0, 0, 0, 1, 1], fence: [-1, -1, -1, -1, 0, -1, -1, -1], ban: [[], [0], [], [], [], [], [], []], maxPerHost: [new MaxPerHostRule("two", 2, [0, 2, 3, 5])]),
        };
    }

    private static readonly Dictionary<string, int> Optimum = new()
    {
        ["spread"] = 3,
        ["gather"] = 3,
        ["zones"] = 3,
        ["lonely"] = 3,
        ["fence"] = 2,
        ["ban"] = 2,
        ["max per host"] = 3,
        ["all"] = 3,
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void Cp_sat_honours_the_rule_and_finds_the_fewest_hosts(string rule)
    {
        var p = WithRule(rule);

        // First-fit decreasing honours every rule, so it is a valid hint.
        var hint = PlacementSolver.FirstFitDecreasing(p);
        var cp = new CpSatSolver();
        cp.Accepts(p).ShouldBeTrue();
        var result = cp.Solve(p, hint, lowerBound: 1, new ExactBudget { Cap = TimeSpan.FromMinutes(1) }, progress: null);

        var solution = result.Solution ?? hint;
        SolutionChecker.Check(p, solution).ShouldBeEmpty();
        solution.HostCount.ShouldBe(Optimum[rule]);
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void The_anytime_solver_honours_the_rule_with_and_without_cp_sat(string rule)
    {
        var p = WithRule(rule);

        var local = PlacementSolver.Solve(p, new SolveOptions { TimeLimit = TimeSpan.FromSeconds(20), MaxIterations = 5_000 }).Solution!;
        var exact = PlacementSolver.Solve(p, new SolveOptions { TimeLimit = TimeSpan.FromMinutes(1), MaxIterations = 5_000, Exact = new CpSatSolver() }).Solution!;

        SolutionChecker.Check(p, local).ShouldBeEmpty();
        SolutionChecker.Check(p, exact).ShouldBeEmpty();
        exact.HostCount.ShouldBe(Optimum[rule]);
    }

    [Fact]
    public void Cp_sat_counts_gathered_items_as_one_unit_toward_its_size_limit()
    {
        // 200 items in 10 gathered groups of 20 are 10 units: within the limit with and without N+1; 200 loose ones are not.
        // With 7 groups, 67 units: within the limit of 150 with and without failures; with 2 groups, 162 units: above it.
        var loose = ProblemFactory.Small(200, size: 0.01);
        var groups = Enumerable.Range(0, 10).Select(g => Enumerable.Range(20 * g, 20).ToArray()).ToArray();
        var solver = new CpSatSolver();

        solver.Accepts(loose).ShouldBeFalse();
        solver.Accepts(ProblemFactory.WithRules(loose, gather: groups)).ShouldBeTrue();
        solver.Accepts(ProblemFactory.WithRules(loose, gather: groups, failures: 1)).ShouldBeTrue();
        solver.Accepts(ProblemFactory.WithRules(loose, gather: groups[..7])).ShouldBeTrue();
        solver.Accepts(ProblemFactory.WithRules(loose, gather: groups[..7], failures: 1)).ShouldBeTrue();
        solver.Accepts(ProblemFactory.WithRules(loose, gather: groups[..2], failures: 1)).ShouldBeFalse();
    }

    [Fact]
    public void With_two_failures_cp_sat_takes_the_problem_and_the_plan_meets_its_bound()
    {
        var p = new PlacementProblem
        {
            ItemNames = ["a", "b", "c"],
            DimensionNames = ["cpu"],
            Demand = [1, 1, 1],
            Capacity = [10],
            FailoverCapacity = [10],
            Failures = 2,
        };

        new CpSatSolver().Accepts(p).ShouldBeTrue();
        var result = PlacementSolver.Solve(p, new SolveOptions { Exact = new CpSatSolver() });
        result.Solution!.HostCount.ShouldBe(3);
        result.Bound.Value.ShouldBe(3);
    }

    [Fact]
    public void Cp_sat_declines_time_aligned_problems_whose_peaks_would_give_a_false_bound()
    {
        // Two 9-unit peaks at different steps share a 16-unit host; summing peaks would "prove" two hosts.
        var p = new PlacementProblem
        {
            ItemNames = ["day", "night"],
            DimensionNames = ["cpu"],
            Demand = [9, 9],
            Capacity = [16],
            FailoverCapacity = [16],
            Series = [[9, 1], [1, 9]],
        };

        new CpSatSolver().Accepts(p).ShouldBeFalse();
        var result = PlacementSolver.Solve(p, new SolveOptions { Exact = new CpSatSolver() });
        result.Solution!.HostCount.ShouldBe(1);
        result.Bound.Value.ShouldBe(1);
    }
}
