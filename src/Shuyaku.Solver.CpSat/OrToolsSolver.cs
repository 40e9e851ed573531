using Shuyaku.Core.Placement;

namespace Shuyaku.Solver.CpSat;

/// <summary>
/// The OR-Tools backends behind one <see cref="IExactSolver"/>: column generation for packing without rules, in one
/// dimension or several (it goes first: on those problems it is stronger than local search), then CP-SAT on small
/// problems, on its own deterministic budget, when column generation did not prove its plan optimal.
/// </summary>
public sealed class OrToolsSolver : IExactSolver
{
    private readonly CuttingStockSolver _stock;
    private readonly VectorColumnSolver _vector;
    private readonly CpSatSolver _cpSat;

    /// <summary>A wall-time cap this short is not worth starting CP-SAT after column generation in.</summary>
    private static readonly TimeSpan CpSatMinimum = TimeSpan.FromMilliseconds(200);

    /// <summary>The backends seeded with <paramref name="seed"/>.</summary>
    public OrToolsSolver(int seed = 1)
    {
        _stock = new CuttingStockSolver(seed);
        _vector = new VectorColumnSolver(seed);
        _cpSat = new CpSatSolver(seed);
    }

    /// <summary>Packing without rules that column generation takes, or a problem small enough for CP-SAT.</summary>
    public bool Accepts(PlacementProblem problem) => ColumnsFor(problem) is not null || _cpSat.Accepts(problem);

    /// <summary>Column generation goes before local search: on packing without rules it is the stronger method.</summary>
    public bool PrefersFirst(PlacementProblem problem) => ColumnsFor(problem) is not null;

    /// <summary>Column generation first where it applies, then CP-SAT unless the plan is proven optimal, each on its own budget.</summary>
    public ExactResult Solve(PlacementProblem problem, PlacementSolution hint, int lowerBound, ExactBudget budget, IProgress<string>? progress)
    {
        if (ColumnsFor(problem) is not { } columns)
        {
            return _cpSat.Solve(problem, hint, lowerBound, budget, progress);
        }

        var start = budget.Clock.GetTimestamp();
        var stock = columns.Solve(problem, hint, lowerBound, budget, progress);
        if (stock.Optimal || !_cpSat.Accepts(problem))
        {
            return stock;
        }

        var left = budget.Cap - budget.Clock.GetElapsedTime(start);
        if (left < CpSatMinimum)
        {
            return stock with { ClockStopped = true };
        }

        var best = stock.Solution ?? hint;
        var bound = Math.Max(lowerBound, stock.LowerBound);
        var cp = _cpSat.Solve(problem, best, bound, budget.WithCap(left), progress);
        return new ExactResult(
            cp.Solution ?? stock.Solution,
            Math.Max(bound, cp.LowerBound),
            cp.Optimal,
            $"{stock.Status}; CP-SAT: {cp.Status}",
            stock.ClockStopped || cp.ClockStopped);
    }

    private IExactSolver? ColumnsFor(PlacementProblem problem) =>
        _stock.Accepts(problem) ? _stock : _vector.Accepts(problem) ? _vector : null;
}
