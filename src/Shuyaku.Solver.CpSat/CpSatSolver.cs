using System.Globalization;
using Google.OrTools.Sat;
using Shuyaku.Core.Localization;
using Shuyaku.Core.Placement;

namespace Shuyaku.Solver.CpSat;

/// <summary>
/// The whole placement problem as a CP-SAT model over units (gathered items), built by <see cref="AssignmentModel"/>.
/// With N+k the re-placement after failures is part of the model (<see cref="FailoverSolver"/>): every set of k failures
/// with the host count decided one count at a time on small models, every single failure at once for a little larger
/// N+1 models, with the sets of k failures added lazily otherwise, with every rule; the plan comes with the restarts of
/// every scenario as certificates. Time-aligned problems (CPU or memory series) are declined.
/// </summary>
internal sealed class CpSatSolver : IExactSolver
{
    /// <summary>Units beyond this are left to local search: the assignment model finds nothing in time there.</summary>
    public const int UnitLimit = 150;

    /// <summary>Units beyond this are declined with N+k: each scenario adds units × hosts restart booleans.</summary>
    public const int FailoverUnitLimit = 150;

    /// <summary>
    /// Workers of the interleaved search: fixed, so the search does not depend on the machine's cores (interleaved search
    /// is deterministic for a given count).
    /// </summary>
    private const int Workers = 2;

    private readonly int _seed;

    /// <summary>Restart booleans up to which every set of k failures is modelled at once (tests lower it).</summary>
    private readonly long _decisionModelSize;

    /// <summary>A solver whose CP-SAT search is seeded with <paramref name="seed"/>.</summary>
    public CpSatSolver(int seed = 1)
        : this(seed, FailoverSolver.DecisionModelSize)
    {
    }

    /// <summary>A solver that models every set of k failures at once only up to <paramref name="decisionModelSize"/> restart booleans.</summary>
    internal CpSatSolver(int seed, long decisionModelSize)
    {
        _seed = seed;
        _decisionModelSize = decisionModelSize;
    }

    /// <summary>Small problems without time series (CPU or memory), with or without N+k.</summary>
    public bool Accepts(PlacementProblem problem)
    {
        var limit = problem.Failures == 0 ? UnitLimit : FailoverUnitLimit;

        // Gathering k items makes one unit of them, so this many units remain at least: decline large estates before
        // building their units (the planner asks on every N+k problem, up to 100,000 workloads).
        var fewestUnits = problem.Items - problem.Gather.Sum(g => Math.Max(0, g.Length - 1));
        return problem.Series is null && problem.MemorySeries is null && limit > 0 && fewestUnits <= limit && problem.GatherUnits() is { Impossible: null } u
            && u.Count <= limit;
    }

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

        if (problem.Failures > 0)
        {
            return new FailoverSolver(_seed, Workers, _decisionModelSize).Solve(problem, units, hint, lowerBound, budget, progress);
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
    /// <remarks>
    /// CP-SAT calls back on its own threads, which do not carry the caller's language, so the reporter speaks the
    /// language of the thread that made it.
    /// </remarks>
    private sealed class IncumbentReporter(IProgress<string>? progress) : CpSolverSolutionCallback
    {
        private readonly string _language = Language.Current;

        public override void OnSolutionCallback()
        {
            if (progress is null)
            {
                return;
            }

            using (Language.Use(_language))
            {
                progress.Report(PlanProgress.CpSat(ObjectiveValue(), Math.Ceiling(BestObjectiveBound() - 1e-6), WallTime()));
            }
        }
    }
}
