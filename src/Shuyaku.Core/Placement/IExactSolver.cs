namespace Shuyaku.Core.Placement;

/// <summary>
/// An exact or anytime solver for the whole placement problem (the CP-SAT backend lives in its own project). It starts
/// from a feasible plan, may return a better one, and reports the best lower bound it proved.
/// </summary>
public interface IExactSolver
{
    /// <summary>Whether the solver will attempt this problem at all (size, N+k); when false the heuristic plan stands.</summary>
    bool Accepts(PlacementProblem problem);

    /// <summary>Whether this solver should run before local search on the problem (it is the stronger method there).</summary>
    bool PrefersFirst(PlacementProblem problem) => false;

    /// <summary>Searches from <paramref name="hint"/> within <paramref name="timeLimit"/>; <paramref name="lowerBound"/> lets it stop once met.</summary>
    ExactResult Solve(PlacementProblem problem, PlacementSolution hint, int lowerBound, TimeSpan timeLimit, IProgress<string>? progress);
}

/// <summary>What an exact solver found: a plan no worse than the hint (or null), the bound it proved, and whether it is optimal.</summary>
/// <param name="Solution">A plan no worse than the hint, or null.</param>
/// <param name="LowerBound">The bound it proved.</param>
/// <param name="Optimal">Whether the plan is proven optimal.</param>
/// <param name="Status">What the solver says about how it ended.</param>
public sealed record ExactResult(PlacementSolution? Solution, int LowerBound, bool Optimal, string Status);

/// <summary>How hard the solver may try: time limit, a reproducible iteration budget for local search, seed, exact backend.</summary>
public sealed record SolveOptions
{
    /// <summary>Planning without options: a short, iteration-bounded search, so the same estate gives the same plan.</summary>
    public static SolveOptions Default { get; } = new() { TimeLimit = TimeSpan.FromSeconds(2), MaxIterations = 20_000 };

    /// <summary>Wall time the search may take after the heuristics.</summary>
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Local search moves at most; within it (and the time limit) the result depends only on the seed.</summary>
    public long MaxIterations { get; init; } = long.MaxValue;

    /// <summary>Seed of every randomised step.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The exact backend, if any (CP-SAT and column generation live in Shuyaku.Solver.CpSat).</summary>
    public IExactSolver? Exact { get; init; }

    /// <summary>The clock the time limit is read from (tests give their own).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
