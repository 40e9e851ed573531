using Shuyaku.Core.Placement;
using Shuyaku.Core.Tests.Support;
using Xunit.Abstractions;

namespace Shuyaku.Solver.CpSat.Tests;

/// <summary>
/// N+2 decided with the sets of failures added lazily, the stage that runs where the model over every set of k failures
/// is too large: here forced on the small estates of <see cref="CpSatNkTests"/> by a decision-model size of zero. Each
/// infeasible count is a proof on a subset of the sets (a relaxation), and each plan taken survives every set, which the
/// checker verifies from the restarts written with it. Budgets are deterministic; the wall-time cap is far above them.
/// </summary>
public sealed class CpSatNkLazyTests(ITestOutputHelper output)
{
    private const string Argument = "exact backend (CP-SAT N+2 model over lazily added sets of 2 failures";

    [Fact]
    public void Where_the_heuristics_plan_is_minimal_a_few_sets_of_failures_prove_the_count_below_infeasible()
    {
        // Seed 11, N+2: idle spares give 10 hosts; every rule bound says 9; the model over every pair proves 9 infeasible.
        var (heuristic, exact) = PlanBoth(11);

        heuristic.Hosts.Count.ShouldBe(10);
        heuristic.LowerBound.Value.ShouldBe(9);
        exact.Hosts.Count.ShouldBe(10);
        exact.LowerBound.Value.ShouldBe(10);
        var part = exact.LowerBound.Parts.Single(p => p.Kind == "exact-backend");
        part.Reason.ShouldStartWith(Argument);
        part.Reason.ShouldContain("9 hosts infeasible with ");
        part.Reason.ShouldEndWith("ended by optimality): at least 10 hosts");
    }

    [Fact]
    public void Where_the_heuristic_is_a_host_over_a_plan_below_is_found_that_survives_every_pair()
    {
        // Seed 5, N+2: the heuristics give 9 hosts against a bound of 8; the stage finds 8. (Seed 23, pinned here before,
        // now gets its optimum of 11 from the heuristics: room for restarts instead of a spare.)
        var (heuristic, exact) = PlanBoth(5);

        heuristic.Hosts.Count.ShouldBe(9);
        exact.Hosts.Count.ShouldBe(8);
        exact.Method.ShouldStartWith("CP-SAT N+2 model over lazily added sets of 2 failures (optimal)");

        // Every pair of the 8 hosts failing, verified by the checker from the restarts the stage wrote.
        exact.Failover.Count.ShouldBe(8 * 7 / 2);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(9)]
    [InlineData(17)]
    [InlineData(27)]
    public void The_lazily_decided_plans_pass_the_checker_and_never_use_more_hosts_than_the_heuristic(int seed)
    {
        var (heuristic, exact) = PlanBoth(seed);

        exact.Hosts.Count.ShouldBeLessThanOrEqualTo(heuristic.Hosts.Count);
        exact.LowerBound.Value.ShouldBeLessThanOrEqualTo(exact.Hosts.Count);
        if (exact.LowerBound.Value > heuristic.LowerBound.Value)
        {
            exact.LowerBound.Parts.ShouldContain(p => p.Kind == "exact-backend" && p.Reason.StartsWith(Argument, StringComparison.Ordinal));
        }
    }

    private (Core.Plans.Plan Heuristic, Core.Plans.Plan Exact) PlanBoth(int seed)
    {
        var estate = TestEstates.Read(CpSatNkTests.RandomEstate(seed, 2));
        var options = new SolveOptions { TimeLimit = TimeSpan.FromMinutes(5), MaxIterations = 20_000, MaxRepairs = 500, FillNodes = 2_000_000, CpSatWork = 3 };
        var heuristic = TestEstates.PlanChecked(estate, new PlanOptions(Search: options));
        var exact = TestEstates.PlanChecked(estate, new PlanOptions(Search: options with { Exact = new CpSatSolver(1, decisionModelSize: 0) }));
        output.WriteLine($"seed {seed}: heuristic {heuristic.Hosts.Count} (bound {heuristic.LowerBound.Value}), lazy {exact.Hosts.Count} (bound {exact.LowerBound.Value}, {exact.Method}; {string.Join("; ", exact.LowerBound.Parts.Where(p => p.Kind == "exact-backend").Select(p => p.Reason))})");
        return (heuristic, exact);
    }
}
