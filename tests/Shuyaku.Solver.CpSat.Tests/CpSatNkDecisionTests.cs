using Shuyaku.Core.Placement;
using Shuyaku.Core.Tests.Support;
using Xunit.Abstractions;

namespace Shuyaku.Solver.CpSat.Tests;

/// <summary>
/// N+2 (and N+1) on small estates with every rule (the generator of <see cref="CpSatNkTests"/>): the model over every set of
/// k failures decides the host count one count at a time, so a plan on fewer hosts is found or the count below is proven
/// infeasible, and that proof joins the plan's lower bound as an argument. Budgets are deterministic; the wall-time cap
/// is far above what they take.
/// </summary>
public sealed class CpSatNkDecisionTests(ITestOutputHelper output)
{
    private const string Argument = "exact backend (CP-SAT N+2 model over every set of 2 failures";

    [Fact]
    public void Where_the_heuristics_plan_is_minimal_the_model_proves_the_count_below_infeasible()
    {
        // Seed 11, N+2: idle spares give 10 hosts; every rule bound says 9.
        var (heuristic, exact) = PlanBoth(11);

        heuristic.Hosts.Count.ShouldBe(10);
        heuristic.LowerBound.Value.ShouldBe(9);
        exact.Hosts.Count.ShouldBe(10);
        exact.LowerBound.Value.ShouldBe(10);
        exact.SearchEnded.ShouldBe("bound");
        var part = exact.LowerBound.Parts.Single(p => p.Kind == "exact-backend");
        part.Hosts.ShouldBe(10);
        part.Reason.ShouldBe($"{Argument}, 9 hosts infeasible, ended by optimality): at least 10 hosts");
    }

    [Fact]
    public void With_n_plus_1_the_model_over_every_failure_proves_the_count_below_infeasible_too()
    {
        // Seed 9, N+1: the heuristics give 8 hosts against a bound of 7; 8 is the optimum.
        var (heuristic, exact) = PlanBoth(9, failures: 1);

        heuristic.Hosts.Count.ShouldBe(8);
        heuristic.LowerBound.Value.ShouldBe(7);
        exact.Hosts.Count.ShouldBe(8);
        exact.LowerBound.Value.ShouldBe(8);
        exact.LowerBound.Parts.Single(p => p.Kind == "exact-backend").Reason
            .ShouldBe("exact backend (CP-SAT N+1 model over every failure, 7 hosts infeasible, ended by optimality): at least 8 hosts");
    }

    [Fact]
    public void Where_the_heuristic_is_a_host_over_the_model_finds_the_plan_below_at_the_bound()
    {
        // Seed 5, N+2: the heuristics give 9 hosts against a bound of 8; the model finds 8. (Seed 23, pinned here before,
        // now gets its optimum of 11 from the heuristics: room for restarts instead of a spare.)
        var (heuristic, exact) = PlanBoth(5);

        heuristic.Hosts.Count.ShouldBe(9);
        heuristic.LowerBound.Value.ShouldBe(8);
        exact.Hosts.Count.ShouldBe(8);
        exact.Method.ShouldStartWith("CP-SAT N+2 model over every set of 2 failures (optimal)");
        exact.LowerBound.Value.ShouldBe(8);
        exact.SearchEnded.ShouldBe("bound");

        // Every pair of the 8 hosts failing, verified by the checker from the restarts the model wrote.
        exact.Failover.Count.ShouldBe(8 * 7 / 2);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(9)]
    [InlineData(17)]
    [InlineData(27)]
    public void The_decided_plans_pass_the_checker_and_never_use_more_hosts_than_the_heuristic(int seed)
    {
        var (heuristic, exact) = PlanBoth(seed);

        exact.Hosts.Count.ShouldBeLessThanOrEqualTo(heuristic.Hosts.Count);
        exact.LowerBound.Value.ShouldBeLessThanOrEqualTo(exact.Hosts.Count);
        if (exact.LowerBound.Value > heuristic.LowerBound.Value)
        {
            exact.LowerBound.Parts.ShouldContain(p => p.Kind == "exact-backend" && p.Reason.StartsWith(Argument, StringComparison.Ordinal));
        }
    }

    private (Core.Plans.Plan Heuristic, Core.Plans.Plan Exact) PlanBoth(int seed, int failures = 2)
    {
        var estate = TestEstates.Read(CpSatNkTests.RandomEstate(seed, failures));
        var options = new SolveOptions { TimeLimit = TimeSpan.FromMinutes(5), MaxIterations = 20_000, MaxRepairs = 500, FillNodes = 2_000_000, CpSatWork = 3 };
        var heuristic = TestEstates.PlanChecked(estate, new PlanOptions(Search: options));
        var exact = TestEstates.PlanChecked(estate, new PlanOptions(Search: options with { Exact = new CpSatSolver() }));
        output.WriteLine($"seed {seed}, N+{failures}: heuristic {heuristic.Hosts.Count} (bound {heuristic.LowerBound.Value}), exact {exact.Hosts.Count} (bound {exact.LowerBound.Value}, {exact.Method})");
        return (heuristic, exact);
    }
}
