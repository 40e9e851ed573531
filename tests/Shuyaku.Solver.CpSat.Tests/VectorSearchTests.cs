using Shuyaku.Core.Placement;
using Shuyaku.Core.Tests.Support;

namespace Shuyaku.Solver.CpSat.Tests;

public sealed class VectorSearchTests
{
    /// <summary>
    /// The integer programme over the pool waits for the four dives without noise. Right after the first dive (as from
    /// c3424e0 on), its CP-SAT work took the time those dives needed, and vbp New class1 and class4 lost 8 instances each.
    /// Budget-bounded (LP solves, CP-SAT work); the cap only guards.
    /// </summary>
    [Fact]
    public void The_first_integer_programme_runs_after_the_fourth_round_of_dives()
    {
        var budget = new ExactBudget { LpSolves = 400, CpSatWork = 0.2, Cap = TimeSpan.FromMinutes(2) };
        var ran = 0;
        foreach (var seed in Enumerable.Range(1, 8))
        {
            var problem = ProblemFactory.Perfect(bins: 12, dimensions: 2, maxPerBin: 8, seed).ToProblem();
            var items = VectorItems.From(problem)!;
            var hint = ProblemFactory.OneItemPerHost(problem);
            var search = new VectorSearch(items, pricingNodes: 200_000, budget, new Random(1), hint.HostCount, progress: null);

            search.Solve(hint, 0);

            if (search.RoundsBeforeFirstInteger is { } rounds)
            {
                rounds.ShouldBe(4);
                ran++;
            }
        }

        // Where the dives reach the bound within four rounds the integer programme is not needed; some seeds must run it.
        ran.ShouldBeGreaterThan(0);
    }
}
