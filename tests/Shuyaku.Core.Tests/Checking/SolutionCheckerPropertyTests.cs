using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Shuyaku.Core.Checking;
using Shuyaku.Core.Placement;

namespace Shuyaku.Core.Tests.Checking;

/// <summary>The solver's plans of random small problems pass the checker, and plans broken on purpose do not.</summary>
public sealed class SolutionCheckerPropertyTests
{
    /// <summary>A bounded search: the same problem gives the same plan however loaded the machine is.</summary>
    private static readonly SolveOptions Budget = new() { TimeLimit = TimeSpan.FromMinutes(1), MaxIterations = 500, Seed = 1 };

    [Property(MaxTest = 100, Replay = "(20260501,2026051)")]
    public Property The_solvers_plans_pass_the_checker() =>
        Prop.ForAll(SmallProblems(), c =>
        {
            var solution = PlacementSolver.Solve(c.Problem, Budget).Solution!;
            return SolutionChecker.Check(c.Problem, solution).Count == 0;
        });

    [Property(MaxTest = 100, Replay = "(20260502,2026053)")]
    public Property Moving_an_item_onto_its_spread_partners_host_is_reported() =>
        Prop.ForAll(SmallProblems(), c =>
        {
            var solution = PlacementSolver.Solve(c.Problem, Budget).Solution!;
            var hostOfItem = (int[])solution.HostOfItem.Clone();
            hostOfItem[0] = hostOfItem[1];
            var tampered = solution with { HostOfItem = hostOfItem };

            return SolutionChecker.Check(c.Problem, tampered).Contains("spread set w0, w1 has two items on one host");
        });

    [Property(MaxTest = 100, Replay = "(20260503,2026055)")]
    public Property Every_item_on_one_host_is_over_capacity_exactly_when_a_dimension_sums_above_it() =>
        Prop.ForAll(SmallProblems(), c =>
        {
            var p = c.Problem;
            var stacked = new PlacementSolution(1, [-1], new int[p.Items], "one host");
            var overflows = Enumerable.Range(0, p.Dimensions).Any(k => Enumerable.Range(0, p.Items).Sum(i => p.Demand[(i * p.Dimensions) + k]) > 10);

            return SolutionChecker.Check(p, stacked).Any(v => v.Contains("above its capacity", StringComparison.Ordinal)) == overflows;
        });

    /// <summary>2–10 items of 1–10 in one or two dimensions on hosts of 10, items 0 and 1 (and more pairs) spread.</summary>
    private static Arbitrary<Case> SmallProblems() => Arb.From(
        from items in Gen.Choose(2, 10)
        from dimensions in Gen.Choose(1, 2)
        from demand in Gen.ArrayOf(Gen.Choose(1, 10), items * dimensions)
        from pairs in Gen.Choose(1, items / 2)
        select new Case(dimensions, demand, pairs));

    /// <summary>One generated problem, printed by its numbers when a property fails.</summary>
    public sealed record Case(int Dimensions, int[] Demand, int Pairs)
    {
        public PlacementProblem Problem { get; } = new()
        {
            ItemNames = [.. Enumerable.Range(0, Demand.Length / Dimensions).Select(i => $"w{i}")],
            DimensionNames = [.. Enumerable.Range(0, Dimensions).Select(k => $"d{k}")],
            Demand = [.. Demand.Select(d => (double)d)],
            Capacity = [.. Enumerable.Repeat(10.0, Dimensions)],
            FailoverCapacity = [.. Enumerable.Repeat(10.0, Dimensions)],
            Spread = [.. Enumerable.Range(0, Pairs).Select(s => new[] { 2 * s, (2 * s) + 1 })],
        };

        public override string ToString() => $"{Dimensions} dimension(s), demand [{string.Join(", ", Demand)}], {Pairs} spread pair(s)";
    }
}
