using Shuyaku.Core.Placement;

namespace Shuyaku.Solver.CpSat;

/// <summary>
/// One-dimensional bin packing without rules as cutting stock: items of equal size form types with demands, the master
/// LP (GLOP) covers the demands with patterns, and a bounded knapsack over the capacity prices new patterns. The rounded
/// LP value (Gilmore–Gomory, or Farley's bound before convergence) is the lower bound; an integer packing comes from
/// diving — fix the patterns the LP likes, re-solve on what is left — with a few limited-discrepancy backtracks
/// (<see cref="StockSearch"/> on the shared <see cref="ColumnSearch"/>).
/// </summary>
internal sealed class CuttingStockSolver : IExactSolver
{
    /// <summary>Capacities beyond this are declined: pricing is a dynamic programme over the capacity.</summary>
    public const long CapacityLimit = 1_000_000;

    /// <summary>Share of the cap column generation's dives and integer programme get before branch and price.</summary>
    private const double SearchShare = 0.75;

    private readonly int _seed;

    /// <summary>A solver whose dives draw their noise from <paramref name="seed"/>.</summary>
    public CuttingStockSolver(int seed = 1) => _seed = seed;

    /// <summary>One-dimensional packing without rules, with whole sizes and a capacity within the limits.</summary>
    public bool Accepts(PlacementProblem problem) => Stock.From(problem) is not null;

    /// <summary>
    /// Column generation and its dives (for <see cref="SearchShare"/> of the cap when branch and price can follow, on at
    /// most <see cref="VectorColumnSolver.ItemLimit"/> items), then, unless that proved its packing optimal, branch and
    /// price over the items for the rest.
    /// </summary>
    public ExactResult Solve(PlacementProblem problem, PlacementSolution hint, int lowerBound, ExactBudget budget, IProgress<string>? progress)
    {
        if (Stock.From(problem) is not { } stock)
        {
            return new ExactResult(null, lowerBound, false, "not a one-dimensional bin packing without rules");
        }

        var items = VectorItems.From(problem, minDimensions: 1);
        var start = budget.Clock.GetTimestamp();
        var first = new StockSearch(stock, items is null ? budget : budget.WithCap(budget.Cap * SearchShare), new Random(_seed), hint.HostCount, progress)
            .Solve(hint, lowerBound);
        if (items is null)
        {
            return first;
        }

        var left = budget.Cap - budget.Clock.GetElapsedTime(start);
        return BranchAndPrice.After(items, first, hint, [], budget.WithCap(left), progress);
    }
}
