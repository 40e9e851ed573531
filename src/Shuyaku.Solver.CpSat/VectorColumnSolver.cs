using Shuyaku.Core.Placement;

namespace Shuyaku.Solver.CpSat;

/// <summary>
/// Vector bin packing without rules (two or more dimensions, only capacity binds) by column generation: the master LP
/// (GLOP) covers every item with host patterns, and a multi-dimensional 0/1 knapsack prices new patterns — greedily
/// first, then by a node-limited branch and bound. When the branch and bound completes, the LP value over the best
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

    /// <summary>A packing on fewer hosts than the hint when the dives find one, with the LP bound when pricing proved it.</summary>
    public ExactResult Solve(PlacementProblem problem, PlacementSolution hint, int lowerBound, ExactBudget budget, IProgress<string>? progress) =>
        VectorItems.From(problem) is { } items
            ? new VectorSearch(items, _pricingNodes, budget, new Random(_seed), hint.HostCount, progress).Solve(hint, lowerBound)
            : new ExactResult(null, lowerBound, false, "not a vector packing without rules");
}
