using System.Globalization;
using Google.OrTools.Sat;
using Shuyaku.Core.Placement;

namespace Shuyaku.Solver.CpSat;

/// <summary>
/// The whole placement problem as a CP-SAT model over units (gathered items), built by <see cref="AssignmentModel"/>.
/// N+1 is modelled on small problems whose only rules are spread and gather: that asks only that some restart exists; the
/// planner checks its own restart order on the plan before it takes it. Larger k, and N+1 with zones, host groups, lonely
/// units or max-per-host rules, are declined: the caller keeps its own plan.
/// </summary>
internal sealed class CpSatSolver : IExactSolver
{
    /// <summary>Units beyond this are left to local search: the assignment model finds nothing in time there.</summary>
    public const int UnitLimit = 150;

    /// <summary>Units beyond this are declined with N+1: the model grows with units × hosts².</summary>
    public const int FailoverUnitLimit = 40;

    /// <summary>
    /// Workers of the interleaved search: fixed, so the search does not depend on the machine's cores (interleaved search
    /// is deterministic for a given count).
    /// </summary>
    private const int Workers = 2;

    private readonly int _seed;

    /// <summary>A solver whose CP-SAT search is seeded with <paramref name="seed"/>.</summary>
    public CpSatSolver(int seed = 1) => _seed = seed;

    /// <summary>Small problems without time series (CPU or memory), and with N+1 only when spread and gather are the only rules.</summary>
    public bool Accepts(PlacementProblem problem)
    {
        var limit = problem.Failures switch { 0 => UnitLimit, 1 => FailoverUnitLimit, _ => 0 };

        // Gathering k items makes one unit of them, so this many units remain at least: decline large estates before
        // building their units (the planner asks on every N+k problem, up to 100,000 workloads).
        var fewestUnits = problem.Items - problem.Gather.Sum(g => Math.Max(0, g.Length - 1));
        return problem.Series is null && problem.MemorySeries is null && limit > 0 && fewestUnits <= limit && problem.GatherUnits() is { Impossible: null } u
            && u.Count <= limit && (problem.Failures == 0 || OnlySpreadRules(u));
    }

    /// <summary>No zones (lonely units are zones of their own), host groups or max-per-host rules: what the N+1 model covers.</summary>
    private static bool OnlySpreadRules(GatheredUnits u) =>
        u.ZoneCount <= 1 && Enumerable.Range(0, u.Count).All(x => !u.IsLonely(x) && u.FenceOf(x) < 0 && u.BansOf(x).Count == 0)
        && u.MaxPerHostRules == 0;

    /// <summary>
    /// Searches for a plan on fewer hosts than the hint, which seeds the search, for the budget's deterministic time.
    /// Interleaved search on a fixed number of workers is deterministic whatever the machine's load; the wall-time cap
    /// is only a safety net, reported when it ends the solve.
    /// </summary>
    public ExactResult Solve(PlacementProblem problem, PlacementSolution hint, int lowerBound, ExactBudget budget, IProgress<string>? progress)
    {
        var units = problem.GatherUnits();
        if (units.Count == 0 || hint.HostCount <= lowerBound)
        {
            return new ExactResult(null, lowerBound, hint.HostCount <= lowerBound, "nothing to search");
        }

        var model = AssignmentModel.Build(problem, units, hint, lowerBound);
        var solver = new CpSolver
        {
            StringParameters = string.Create(
                CultureInfo.InvariantCulture,
                $"max_deterministic_time:{budget.CpSatWork:0.###} max_time_in_seconds:{Math.Max(0.05, budget.Cap.TotalSeconds):0.###} " +
                $"num_workers:{Workers} interleave_search:true random_seed:{_seed} log_search_progress:false"),
        };
        var callback = new IncumbentReporter(progress);
        var status = solver.Solve(model.Model, callback);
        var clockStopped = StoppedByCap(solver, status, budget);
        if (status is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible))
        {
            return new ExactResult(null, lowerBound, false, $"CP-SAT {status}", clockStopped);
        }

        var optimal = status == CpSolverStatus.Optimal;
        var solution = model.Read(solver, optimal ? "CP-SAT (optimal)" : "CP-SAT");
        var bound = optimal ? solution.HostCount : Math.Max(lowerBound, (int)Math.Ceiling(solver.BestObjectiveBound - 1e-6));
        return new ExactResult(solution, bound, optimal, $"CP-SAT {status.ToString().ToLowerInvariant()}", clockStopped);
    }

    /// <summary>
    /// Whether the wall-time cap rather than the deterministic limit ended an unproven solve: CP-SAT stops a little before
    /// either limit, so the one it came closer to is taken as the one that stopped it.
    /// </summary>
    private static bool StoppedByCap(CpSolver solver, CpSolverStatus status, ExactBudget budget)
    {
        if (status is CpSolverStatus.Optimal or CpSolverStatus.Infeasible || solver.Response is not { } response)
        {
            return false;
        }

        var work = budget.CpSatWork > 0 ? response.DeterministicTime / budget.CpSatWork : double.PositiveInfinity;
        var wall = budget.Cap > TimeSpan.Zero ? solver.WallTime() / budget.Cap.TotalSeconds : double.PositiveInfinity;
        return wall > work;
    }

    /// <summary>Reports each incumbent with the proven bound and the time so far.</summary>
    private sealed class IncumbentReporter(IProgress<string>? progress) : CpSolverSolutionCallback
    {
        public override void OnSolutionCallback() =>
            progress?.Report(string.Create(
                CultureInfo.InvariantCulture,
                $"CP-SAT: {ObjectiveValue():0} hosts, lower bound {Math.Ceiling(BestObjectiveBound() - 1e-6):0}, {WallTime():0.0} s"));
    }
}
