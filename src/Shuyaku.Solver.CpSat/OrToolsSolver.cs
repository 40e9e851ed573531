using Shuyaku.Core.Placement;

namespace Shuyaku.Solver.CpSat;

/// <summary>
/// The OR-Tools backends behind one <see cref="IExactSolver"/>: column generation for packing without rules, in one
/// dimension or several (it goes first: on those problems it is stronger than local search), then CP-SAT on small
/// problems for whatever time is left when column generation did not prove its plan optimal.
/// </summary>
public sealed class OrToolsSolver : IExactSolver
{
    private readonly CuttingStockSolver _stock;
    private readonly VectorColumnSolver _vector;
    private readonly CpSatSolver _cpSat;
    private readonly TimeProvider _clock;

    /// <summary>The backends seeded with <paramref name="seed"/>, timed by <paramref name="clock"/> (the system clock when null).</summary>
    public OrToolsSolver(int seed = 1, TimeProvider? clock = null)
    {
        _stock = new CuttingStockSolver(seed, clock);
        _vector = new VectorColumnSolver(seed, clock);
        _cpSat = new CpSatSolver(seed);
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>Packing without rules that column generation takes, or a problem small enough for CP-SAT.</summary>
    public bool Accepts(PlacementProblem problem) => ColumnsFor(problem) is not null || _cpSat.Accepts(problem);

    /// <summary>Column generation goes before local search: on packing without rules it is the stronger method.</summary>
    public bool PrefersFirst(PlacementProblem problem) => ColumnsFor(problem) is not null;

    /// <summary>Column generation first where it applies, then CP-SAT for the time left unless the plan is proven optimal.</summary>
    public ExactResult Solve(PlacementProblem problem, PlacementSolution hint, int lowerBound, TimeSpan timeLimit, IProgress<string>? progress)
    {
        if (ColumnsFor(problem) is not { } columns)
        {
            return _cpSat.Solve(problem, hint, lowerBound, timeLimit, progress);
        }

        var start = _clock.GetTimestamp();
        var stock = columns.Solve(problem, hint, lowerBound, timeLimit, progress);
        var left = timeLimit - _clock.GetElapsedTime(start);
        if (stock.Optimal || !_cpSat.Accepts(problem) || left < TimeSpan.FromMilliseconds(200))
        {
            return stock;
        }

        var best = stock.Solution ?? hint;
        var bound = Math.Max(lowerBound, stock.LowerBound);
        var cp = _cpSat.Solve(problem, best, bound, left, progress);
        return new ExactResult(
            cp.Solution ?? stock.Solution,
            Math.Max(bound, cp.LowerBound),
            cp.Optimal,
            $"{stock.Status}; CP-SAT: {cp.Status}");
    }

    private IExactSolver? ColumnsFor(PlacementProblem problem) =>
        _stock.Accepts(problem) ? _stock : _vector.Accepts(problem) ? _vector : null;
}
