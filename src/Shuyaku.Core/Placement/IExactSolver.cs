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

    /// <summary>Searches from <paramref name="hint"/> within <paramref name="budget"/>; <paramref name="lowerBound"/> lets it stop once met.</summary>
    ExactResult Solve(PlacementProblem problem, PlacementSolution hint, int lowerBound, ExactBudget budget, IProgress<string>? progress);
}

/// <summary>What an exact solver found: a plan no worse than the hint (or null), the bound it proved, and whether it is optimal.</summary>
/// <param name="Solution">A plan no worse than the hint, or null.</param>
/// <param name="LowerBound">The bound it proved.</param>
/// <param name="Optimal">Whether the plan is proven optimal.</param>
/// <param name="Status">What the solver says about how it ended (no timings: it may end up in plan.json).</param>
/// <param name="ClockStopped">Whether the wall-time cap, not a deterministic budget, ended some part of the search.</param>
public sealed record ExactResult(PlacementSolution? Solution, int LowerBound, bool Optimal, string Status, bool ClockStopped = false)
{
    /// <summary>
    /// With N+k: where the workloads of the failed hosts restart in every scenario of <see cref="Solution"/> (its host
    /// numbers), the certificates written to plan.json; null when the solver gives none.
    /// </summary>
    public IReadOnlyList<Search.FailoverScenario>? Failover { get; init; }
}

/// <summary>
/// What an exact backend may spend: deterministic budgets, which end a search at the same point on every run and machine,
/// and a wall-time cap that only guards against a budget far too large for the machine.
/// </summary>
public sealed record ExactBudget
{
    /// <summary>CP-SAT's deterministic time (<c>max_deterministic_time</c>, OR-Tools' work units of about a second).</summary>
    public double CpSatWork { get; init; } = SolveOptions.DefaultCpSatWork;

    /// <summary>Master LP solves column generation may make, root and dives together.</summary>
    public long LpSolves { get; init; } = SolveOptions.DefaultLpSolves;

    /// <summary>Wall time the backend may take at most; when it ends the search, the result may differ between runs.</summary>
    public TimeSpan Cap { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The clock the cap is read from.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>The same budgets under another cap.</summary>
    public ExactBudget WithCap(TimeSpan cap) => this with { Cap = cap };
}

/// <summary>What ended the search for a plan: recorded in plan.json as <c>searchEnded</c>.</summary>
public enum StopReason
{
    /// <summary>The plan meets its lower bound: no search could do better.</summary>
    Bound,

    /// <summary>A deterministic budget (moves, repairs, nodes, LP solves, CP-SAT work) ran out: the same on every run.</summary>
    Budget,

    /// <summary>The wall-time cap stopped some stage before its budget: another run may find another plan.</summary>
    Clock,
}

/// <summary>
/// How hard the solver may try: deterministic budgets per stage (moves, repairs, LP solves, CP-SAT work), which end the
/// search at the same point on every run, a wall-time cap as a safety net, the seed and the exact backend.
/// </summary>
public sealed record SolveOptions
{
    /// <summary>Default of <see cref="CpSatWork"/>.</summary>
    public const double DefaultCpSatWork = 5;

    /// <summary>Default of <see cref="LpSolves"/>.</summary>
    public const long DefaultLpSolves = 4_000;

    /// <summary>Planning without options: a short, budget-bounded search, so the same estate gives the same plan.</summary>
    public static SolveOptions Default { get; } = new() { TimeLimit = TimeSpan.FromSeconds(2), MaxIterations = 20_000, MaxRepairs = 500, FillNodes = 2_000_000 };

    /// <summary>Wall time the search may take after the heuristics at most: a safety cap, shared out over the stages.</summary>
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Moves the pool search (and local search of each slice on large estates) may make.</summary>
    public long MaxIterations { get; init; } = 200_000;

    /// <summary>Destroy-and-repair tries before the pool search.</summary>
    public long MaxRepairs { get; init; } = 5_000;

    /// <summary>Search nodes the exact fill (hosts filled exactly where the bound leaves no slack) may spend over its rounds.</summary>
    public long FillNodes { get; init; } = 20_000_000;

    /// <summary>CP-SAT's deterministic time per solve (<c>max_deterministic_time</c>, work units of about a second).</summary>
    public double CpSatWork { get; init; } = DefaultCpSatWork;

    /// <summary>Master LP solves column generation may make per solve, root and dives together.</summary>
    public long LpSolves { get; init; } = DefaultLpSolves;

    /// <summary>Seed of every randomised step.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The exact backend, if any (CP-SAT and column generation live in Shuyaku.Solver.CpSat).</summary>
    public IExactSolver? Exact { get; init; }

    /// <summary>The clock the time limit is read from (tests give their own).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>The exact backend's budgets under the given wall-time cap.</summary>
    public ExactBudget ExactBudget(TimeSpan cap) => new() { CpSatWork = CpSatWork, LpSolves = LpSolves, Cap = cap, Clock = Clock };
}
