using System.Globalization;
using Google.OrTools.Sat;
using Shuyaku.Core.Placement;
using Shuyaku.Core.Placement.Search;

namespace Shuyaku.Solver.CpSat;

/// <summary>
/// N+k as part of the optimisation. On models of at most <see cref="DecisionModelSize"/> restart booleans (N+1 included),
/// every set of k failures is modelled at once and the host count is decided one count at a time (<see cref="Decide"/>).
/// Otherwise, with k = 1 on models of at most <see cref="FullModelSize"/> restart booleans, every single failure is in one
/// model that minimises the hosts (<see cref="AssignmentModel.BuildFailover"/>): one solve, exact. Otherwise the host
/// count is decided one count at a time with the sets of k failures added lazily (<see cref="DecideLazily"/>): a model
/// with some of the sets is a relaxation of the whole problem, so its infeasible is a proof; a plan is returned only with
/// restarts for every set, the certificates written to plan.json.
/// </summary>
/// <param name="seed">Seed of every CP-SAT search.</param>
/// <param name="workers">Workers of the model over every single failure (the decision models use one).</param>
/// <param name="decisionModelSize">Restart booleans up to which every set of k failures is modelled at once.</param>
internal sealed class FailoverSolver(int seed, int workers, long decisionModelSize = FailoverSolver.DecisionModelSize)
{
    /// <summary>Units × hosts² up to which every single failure is modelled at once.</summary>
    public const long FullModelSize = 40_000;

    /// <summary>
    /// Units × hosts × C(hosts, k) up to which every set of k failures is modelled at once on one host count
    /// (the plan's hosts less one): the 25-workload N+2 estates of <c>bench rules</c> have about 22 units on 12 hosts,
    /// 17,000 restart booleans.
    /// </summary>
    public const long DecisionModelSize = 40_000;

    /// <summary>
    /// CP-SAT parameters of the decision models: without probing and linear relaxation, which cost more than they prune
    /// there (25-workload N+2 estates of <c>bench rules</c>: infeasibility proven in a third of the deterministic time);
    /// one presolve iteration, since presolve's wall time, which the deterministic budget barely counts, dominated the
    /// rounds of the lazy stage (<c>bench rules</c> 50 seed 36: about 1 s a round for 0.1 work units).
    /// </summary>
    private const string DecisionParameters = "cp_model_probing_level:0 linearization_level:0 max_presolve_iterations:1";

    /// <summary>Failing sets of failed hosts one check of a lazily decided plan adds at most (4 and 16 were slower on <c>bench rules</c>' 100-workload N+2 estates).</summary>
    private const int AddedPerCheck = 8;

    /// <summary>Deterministic time one scenario check over a fixed plan may take at most.</summary>
    private const double CheckWork = 0.5;

    /// <summary>Solves the N+k problem from <paramref name="hint"/>, which must survive every k failures.</summary>
    public ExactResult Solve(PlacementProblem problem, GatheredUnits units, PlacementSolution hint, int lowerBound, ExactBudget budget, IProgress<string>? progress)
    {
        var k = problem.Failures;
        var run = new Run(budget);
        // In double: the count saturates at long.MaxValue for large k, and a product in long would wrap below the limit.
        if (hint.HostCount - 1 >= lowerBound && (double)units.Count * (hint.HostCount - 1) * FailureSets.Count(hint.HostCount - 1, k) <= decisionModelSize)
        {
            return Decide(problem, units, hint, lowerBound, run, progress);
        }

        if (k == 1 && (long)units.Count * hint.HostCount * hint.HostCount <= FullModelSize)
        {
            return SolveEveryFailure(problem, units, hint, lowerBound, run, progress);
        }

        return DecideLazily(problem, units, hint, lowerBound, run, progress);
    }

    /// <summary>
    /// N+1 with every single failure in one model on the hint's hosts that minimises the hosts used: one solve, exact,
    /// seeded with the hint and its restarts (each found by a model over the fixed hint).
    /// </summary>
    private ExactResult SolveEveryFailure(PlacementProblem problem, GatheredUnits units, PlacementSolution hint, int lowerBound, Run run, IProgress<string>? progress)
    {
        const string Name = "CP-SAT N+1 model";
        var best = hint;
        var certificates = (List<FailoverScenario>?)null;
        var bound = lowerBound;
        var optimal = false;
        var rounds = 0;
        var ended = "budget";
        if (best.HostCount > bound && run.HasWork)
        {
            rounds++;
            var model = AssignmentModel.BuildFailover(problem, units, best, bound, Enumerable.Range(0, best.HostCount).Select(f => new[] { f }));
            HintRestarts(model, failed => CertifyOne(problem, units, hint, failed, run));
            var solver = run.Solver(run.Work, workers, seed);
            var status = solver.Solve(model.Model);
            run.Spent(solver, status);
            if (status is CpSolverStatus.Optimal or CpSolverStatus.Feasible)
            {
                var found = model.Read(solver, Name);
                bound = Math.Max(bound, status == CpSolverStatus.Optimal ? found.HostCount : (int)Math.Ceiling(solver.BestObjectiveBound - 1e-6));
                progress?.Report(PlanProgress.Round(Name, rounds, found.HostCount, bound));
                ended = status == CpSolverStatus.Optimal ? "optimal" : "budget";
                var restarts = model.ReadRestarts(solver).Where(s => s.Failed.All(f => f < found.HostCount)).ToDictionary(s => Key(s.Failed), s => (Dictionary<int, int>?)s.HostOfUnit);
                if (found.HostCount < best.HostCount && restarts.Count == found.HostCount)
                {
                    best = found;
                    certificates = Certificates(units, restarts);
                    optimal = status == CpSolverStatus.Optimal;
                }
            }
            else
            {
                ended = status == CpSolverStatus.Infeasible ? "infeasible" : run.Stopped;
            }
        }
        else if (!run.HasWork)
        {
            ended = run.Stopped;
        }

        optimal |= best.HostCount <= bound;
        var status2 = string.Create(CultureInfo.InvariantCulture, $"{Name}, {rounds} round{(rounds == 1 ? "" : "s")}, {best.HostCount} scenarios, ended by {(optimal ? "optimality" : ended)}");
        return Result(Name, best, bound, optimal, status2, certificates, run);
    }

    /// <summary>
    /// The host count decided downwards from the hint's: for h = the hint's hosts − 1, h − 2, … down to the bound, a model
    /// on exactly h hosts with every set of k failures (<see cref="AssignmentModel.BuildDecision"/>), solved on one worker
    /// (deterministic) with what is left of the budget. A plan found becomes the best, with its restarts as certificates,
    /// and the next count is tried; infeasible proves that every plan needs h + 1 hosts (a plan on fewer hosts plus idle
    /// ones would be a plan on h), which joins the bound; an undecided count ends the search.
    /// </summary>
    private ExactResult Decide(PlacementProblem problem, GatheredUnits units, PlacementSolution hint, int lowerBound, Run run, IProgress<string>? progress)
    {
        var k = problem.Failures;
        var name = k == 1 ? "CP-SAT N+1 model over every failure" : string.Create(CultureInfo.InvariantCulture, $"CP-SAT N+{k} model over every set of {k} failures");
        var best = hint;
        var bound = lowerBound;
        var certificates = (List<FailoverScenario>?)null;
        var decided = new List<string>();
        var ended = "budget";
        for (var hosts = hint.HostCount - 1; hosts >= Math.Max(1, bound); hosts--)
        {
            if (!run.HasWork)
            {
                ended = run.Stopped;
                break;
            }

            var model = AssignmentModel.BuildDecision(problem, units, hosts, FailureSets.All(hosts, k));
            // From the best plan less one spare: a plan for normal operation on h hosts, near one that survives.
            model.Hint(WithoutOneIdle(best), _ => null);

            if (SolveCount(model, run, out var end) is not { } solver)
            {
                ended = end;
                if (end == "optimality")
                {
                    bound = Math.Max(bound, hosts + 1);
                    decided.Add(string.Create(CultureInfo.InvariantCulture, $"{hosts} hosts infeasible"));
                }

                break;
            }

            var found = model.Read(solver, name);
            var restarts = model.ReadRestarts(solver).ToDictionary(s => Key(s.Failed), s => (Dictionary<int, int>?)s.HostOfUnit);
            decided.Add(string.Create(CultureInfo.InvariantCulture, $"{hosts} hosts feasible"));
            progress?.Report(PlanProgress.Round(name, decided.Count, found.HostCount, bound));
            if (found.HostCount >= best.HostCount)
            {
                break;
            }

            best = found;
            certificates = Certificates(units, restarts);
            ended = best.HostCount <= bound ? "optimality" : ended;
        }

        var optimal = best.HostCount <= bound;
        var status2 = string.Create(CultureInfo.InvariantCulture, $"{name}, {string.Join(", ", decided.DefaultIfEmpty("nothing decided"))}, ended by {ended}");
        return Result(name, best, bound, optimal, status2, certificates, run);
    }

    /// <summary>
    /// The host count decided downwards as in <see cref="Decide"/>, on models too large to hold every set of k failures:
    /// the model on exactly h hosts holds only the sets of failed hosts found so far (none at first). Its infeasible is
    /// still a proof: a plan on h hosts survives every set, so also these, and renumbered as the symmetry breaking wants
    /// it is a solution of this model (every set of k hosts stays a set of k hosts). A plan it finds is checked set by
    /// set over the fixed plan (<see cref="CertifyOne"/>); up to <see cref="AddedPerCheck"/> sets it fails, spread over the
    /// hosts, join the model, which is solved again from that plan; a plan that survives every set is taken with those restarts as
    /// certificates, and the next count starts from it less one spare, with the sets known so far.
    /// </summary>
    private ExactResult DecideLazily(PlacementProblem problem, GatheredUnits units, PlacementSolution hint, int lowerBound, Run run, IProgress<string>? progress)
    {
        var k = problem.Failures;
        var name = string.Create(CultureInfo.InvariantCulture, $"CP-SAT N+{k} model over lazily added sets of {k} failures");
        var best = hint;
        var bound = lowerBound;
        var certificates = (List<FailoverScenario>?)null;
        var decided = new List<string>();
        var scenarios = new List<int[]>();
        var known = new HashSet<string>(StringComparer.Ordinal);
        var from = WithoutOneIdle(hint);
        var fromRestarts = new Dictionary<string, Dictionary<int, int>?>(StringComparer.Ordinal);
        var rounds = 0;
        string? ended = null;
        var hosts = hint.HostCount - 1;
        while (ended is null && hosts >= Math.Max(1, bound))
        {
            if (!run.HasWork)
            {
                ended = run.Stopped;
                break;
            }

            rounds++;
            var model = AssignmentModel.BuildDecision(problem, units, hosts, scenarios.Where(s => s.All(f => f < hosts)));
            var restartsOf = fromRestarts;
            model.Hint(from, failed => restartsOf.TryGetValue(Key(failed), out var r) ? r : null);
            var sets = model.Scenarios.Count();
            if (SolveCount(model, run, out var end) is not { } solver)
            {
                ended = end;
                if (end == "optimality")
                {
                    bound = Math.Max(bound, hosts + 1);
                    decided.Add(string.Create(CultureInfo.InvariantCulture, $"{hosts} hosts infeasible with {sets} sets"));
                }

                break;
            }

            var found = model.Read(solver, name);
            var (restarts, failing) = Check(problem, units, found, run);
            progress?.Report(PlanProgress.Round(name, rounds, found.HostCount, bound));
            if (failing.Count == 0)
            {
                best = found;
                certificates = Certificates(units, restarts);
                decided.Add(string.Create(CultureInfo.InvariantCulture, $"{hosts} hosts feasible with {sets} sets"));
                from = WithoutOneIdle(found);
                fromRestarts = [];
                hosts--;
                continue;
            }

            if (failing.Count(f => known.Add(Key(f))) == 0)
            {
                // It fails only sets the model holds already: the model's rounding let it through, or a check ran out of work.
                ended = run.HasWork ? "rounding" : run.Stopped;
                break;
            }

            scenarios.AddRange(failing);
            from = found;
            fromRestarts = restarts;
        }

        var optimal = best.HostCount <= bound;
        var status2 = string.Create(CultureInfo.InvariantCulture, $"{name}, {rounds} round{(rounds == 1 ? "" : "s")}, {string.Join(", ", decided.DefaultIfEmpty("nothing decided"))}, ended by {(optimal ? "optimality" : ended ?? "budget")}");
        return Result(name, best, bound, optimal, status2, certificates, run);
    }

    /// <summary>
    /// One count's decision model solved on one worker (deterministic) with what is left of the budget: the solver when it
    /// found a plan; otherwise null, and in <paramref name="ended"/> why the search ends there — "optimality" when the count
    /// is infeasible (a proof), "clock" or "budget" when it is undecided.
    /// </summary>
    private CpSolver? SolveCount(AssignmentModel model, Run run, out string ended)
    {
        var solver = run.Solver(run.Work, 1, seed, DecisionParameters);
        var status = solver.Solve(model.Model);
        run.Spent(solver, status);
        ended = status == CpSolverStatus.Infeasible ? "optimality" : run.Stopped;
        return status is CpSolverStatus.Optimal or CpSolverStatus.Feasible ? solver : null;
    }

    /// <summary>
    /// Every set of k failed hosts of <paramref name="plan"/> checked over the fixed plan: the restarts found (null where
    /// none), and up to <see cref="AddedPerCheck"/> of the failing sets, spread over the hosts — each next the failing set
    /// whose hosts the sets chosen so far name least (the first in enumeration order on a tie) — so that the next plan
    /// cannot pass them all by moving one host's load.
    /// </summary>
    private (Dictionary<string, Dictionary<int, int>?> Restarts, List<int[]> Failing) Check(PlacementProblem problem, GatheredUnits units, PlacementSolution plan, Run run)
    {
        var restarts = new Dictionary<string, Dictionary<int, int>?>(StringComparer.Ordinal);
        var failing = new List<int[]>();
        foreach (var failed in FailureSets.All(plan.HostCount, problem.Failures))
        {
            var restart = CertifyOne(problem, units, plan, failed, run);
            restarts[Key(failed)] = restart;
            if (restart is null)
            {
                failing.Add(failed);
            }
        }

        var named = new int[plan.HostCount];
        var chosen = new List<int[]>();
        while (chosen.Count < AddedPerCheck && failing.Count > 0)
        {
            var next = failing.MinBy(f => f.Sum(h => named[h]))!;
            failing.Remove(next);
            chosen.Add(next);
            foreach (var h in next)
            {
                named[h]++;
            }
        }

        return (restarts, chosen);
    }

    /// <summary>The plan less its last host that runs nothing (a spare), or the plan itself when every host runs units.</summary>
    private static PlacementSolution WithoutOneIdle(PlacementSolution plan)
    {
        var used = new bool[plan.HostCount];
        foreach (var h in plan.HostOfItem)
        {
            used[h] = true;
        }

        var idle = Array.LastIndexOf(used, false);
        if (idle < 0)
        {
            return plan;
        }

        return plan with
        {
            HostCount = plan.HostCount - 1,
            HostGroup = [.. plan.HostGroup.Where((_, h) => h != idle)],
            HostOfItem = [.. plan.HostOfItem.Select(h => h > idle ? h - 1 : h)],
        };
    }

    /// <summary>Where the units of the failed hosts of <paramref name="plan"/> restart, from a model over the fixed plan; null if none was found.</summary>
    private Dictionary<int, int>? CertifyOne(PlacementProblem problem, GatheredUnits units, PlacementSolution plan, int[] failed, Run run)
    {
        if (!Enumerable.Range(0, units.Count).Any(unit => failed.Contains(plan.HostOfItem[units.MembersOf(unit)[0]])))
        {
            return [];
        }

        if (!run.HasWork)
        {
            return null;
        }

        var model = AssignmentModel.BuildFixed(problem, units, plan, failed);
        var solver = run.Solver(Math.Min(CheckWork, run.Work), 1, seed);
        var status = solver.Solve(model.Model);
        run.Spent(solver, status);
        return status is CpSolverStatus.Optimal or CpSolverStatus.Feasible ? model.ReadRestarts(solver)[0].HostOfUnit : null;
    }

    /// <summary>Hints each modelled scenario with the restarts the hint has for the same failed hosts (<paramref name="restartsOf"/>, on the hint's hosts).</summary>
    private static void HintRestarts(AssignmentModel model, Func<int[], Dictionary<int, int>?> restartsOf)
    {
        var i = 0;
        foreach (var failed in model.Scenarios.ToList())
        {
            if (restartsOf([.. failed.Select(f => model.HintOrder[f]).Order()]) is { } known)
            {
                model.HintRestarts(i, known.ToDictionary(p => p.Key, p => model.ModelHostOfHint(p.Value)));
            }

            i++;
        }
    }

    private static List<FailoverScenario> Certificates(GatheredUnits units, Dictionary<string, Dictionary<int, int>?> restarts) =>
        [.. restarts.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => new FailoverScenario(
            Parse(r.Key),
            [.. r.Value!.SelectMany(p => units.MembersOf(p.Key).Select(item => (item, p.Value))).OrderBy(p => p.item)]))];

    /// <summary>
    /// A stage's result: the best plan named by <paramref name="name"/> (with "(optimal)" when proven) and its restarts as
    /// certificates, or no plan when none was found with restarts; the bound, at most the plan's hosts.
    /// </summary>
    private static ExactResult Result(string name, PlacementSolution best, int bound, bool optimal, string status, List<FailoverScenario>? certificates, Run run) =>
        new(certificates is null ? null : best with { Method = optimal ? $"{name} (optimal)" : name }, Math.Min(bound, best.HostCount), optimal, status, run.ClockStopped)
        {
            Failover = certificates,
        };

    private static string Key(int[] failed) => string.Join(',', failed.Order());

    private static int[] Parse(string key) => [.. key.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))];

    /// <summary>What one solve may spend: what is left of the deterministic budget and of the wall-time cap.</summary>
    private sealed class Run(ExactBudget budget)
    {
        private readonly long _start = budget.Clock.GetTimestamp();
        private double _work = budget.CpSatWork;

        public bool ClockStopped { get; private set; }

        /// <summary>Why a search that ran out ended, as its summary says: "clock" when the wall-time cap stopped it, else "budget".</summary>
        public string Stopped => ClockStopped ? "clock" : "budget";

        private double WallLeft => budget.Cap.TotalSeconds - budget.Clock.GetElapsedTime(_start).TotalSeconds;

        /// <summary>Deterministic time left.</summary>
        public double Work => _work;

        public bool HasWork => _work > 0.01 && WallLeft > 0.05;

        /// <summary>A solver for at most <paramref name="work"/> deterministic time and what is left of the cap, with <paramref name="extra"/> parameters.</summary>
        public CpSolver Solver(double work, int workers, int seed, string extra = "") =>
            new()
            {
                StringParameters = string.Create(
                    CultureInfo.InvariantCulture,
                    $"max_deterministic_time:{Math.Max(0.01, work):0.###} max_time_in_seconds:{Math.Max(0.05, WallLeft):0.###} " +
                    $"num_workers:{workers} interleave_search:{(workers > 1 ? "true" : "false")} random_seed:{seed} log_search_progress:false {extra}"),
            };

        public void Spent(CpSolver solver, CpSolverStatus status)
        {
            var response = solver.Response;
            _work -= response?.DeterministicTime ?? 0;
            if (status is not (CpSolverStatus.Optimal or CpSolverStatus.Infeasible) && WallLeft <= 0.05)
            {
                ClockStopped = true;
            }
        }
    }
}
