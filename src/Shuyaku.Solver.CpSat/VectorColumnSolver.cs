using Shuyaku.Core.Placement;

namespace Shuyaku.Solver.CpSat;

/// <summary>
/// Vector bin packing without rules (two or more dimensions, only capacity binds) by column generation: the master LP
/// (GLOP) covers every item with host patterns, and a multi-dimensional 0/1 knapsack prices new patterns — greedily
/// first, then by a node-limited branch and bound (<see cref="KnapsackPricer"/>). When the branch and bound ends within its nodes, the LP value over the best
/// pattern value, rounded up, is a lower bound (Farley). Integer packings come from diving: fix the patterns the LP
/// likes, re-solve on the items left, with a few limited-discrepancy backtracks, as for one dimension
/// (<see cref="VectorSearch"/> on the shared <see cref="ColumnSearch"/>).
/// </summary>
internal sealed class VectorColumnSolver : IExactSolver
{
    /// <summary>Problems with more items are declined: each dive step re-solves an LP over every item left.</summary>
    public const int ItemLimit = 1000;

    /// <summary>Branch-and-bound nodes one exact pricing call may spend before it gives up proving its value.</summary>
    private const int PricingNodes = 200_000;

    /// <summary>Share of the cap column generation's dives and integer programme get before branch and price.</summary>
    private const double SearchShare = 0.75;

    private readonly int _seed;
    private readonly int _pricingNodes;

    /// <summary>A solver whose dives draw their noise from <paramref name="seed"/>.</summary>
    public VectorColumnSolver(int seed = 1)
        : this(seed, PricingNodes)
    {
    }

    /// <summary>With a node budget for the branch and bound of pricing (tests starve it to exercise CP-SAT pricing).</summary>
    internal VectorColumnSolver(int seed, int pricingNodes)
    {
        _seed = seed;
        _pricingNodes = pricingNodes;
    }

    /// <summary>Packing without rules in two or more dimensions, up to <see cref="ItemLimit"/> items.</summary>
    public bool Accepts(PlacementProblem problem) => VectorItems.From(problem) is not null;

    /// <summary>
    /// Column generation and its dives for <see cref="SearchShare"/> of the cap, then, unless that proved its packing
    /// optimal, branch and price for the rest, from every pattern the dives priced.
    /// </summary>
    public ExactResult Solve(PlacementProblem problem, PlacementSolution hint, int lowerBound, ExactBudget budget, IProgress<string>? progress)
    {
        if (VectorItems.From(problem) is not { } items)
        {
            return new ExactResult(null, lowerBound, false, "not a vector packing without rules");
        }

        var start = budget.Clock.GetTimestamp();
        var search = new VectorSearch(items, _pricingNodes, budget.WithCap(budget.Cap * SearchShare), new Random(_seed), hint.HostCount, progress);
        var first = search.Solve(hint, lowerBound);
        var left = budget.Cap - budget.Clock.GetElapsedTime(start);
        return BranchAndPrice.After(items, first, hint, search.Pool, budget.WithCap(left), progress);
    }
}
