using System.Globalization;
using Shuyaku.Core.Placement.Bounds;
using Shuyaku.Core.Plans;

namespace Shuyaku.Core.Placement.Search;

/// <summary>
/// What runs after the constructive heuristics: local search to save hosts, then the exact backend (if any) warm-started
/// from the best plan. Stops as soon as the plan meets the lower bound; the heuristic plan always stays as the fallback.
/// Each stage ends on its own deterministic budget (<see cref="SolveOptions"/>); the shares below share out the wall-time
/// cap, which stops a stage only when its budget is too large for the machine, and is then recorded in the stop record.
/// </summary>
internal static class AnytimeSearch
{
    /// <summary>Share of the wall-time cap local search gets when an exact backend follows.</summary>
    private const double LocalShare = 0.5;

    /// <summary>Share of local search's cap destroy-and-repair gets before the pool search.</summary>
    private const double LnsShare = 0.3;

    /// <summary>Share of the cap an exact backend that prefers to go first gets before local search, in one dimension.</summary>
    private const double ExactFirstShare = 0.8;

    /// <summary>
    /// The same with several dimensions: there local search still saves hosts column generation misses when items are
    /// many per host (measured on vbp: Panigrahy class 4 needs about 6 s of local search).
    /// </summary>
    private const double VectorExactFirstShare = 0.5;

    /// <summary>Share of the cap left the exact-fill search gets when the bound leaves no slack.</summary>
    private const double PerfectShare = 0.2;

    /// <summary>
    /// The same when every dimension is tight (a perfect packing): there no packing on the bound's hosts leaves any room,
    /// which local search and column generation's dives rarely find, and the exact fill is the likelier way.
    /// </summary>
    private const double AllTightShare = 0.6;

    /// <summary>Time left below which the vector consistent neighbourhood search after local search is not started.</summary>
    private static readonly TimeSpan VectorConsistentMinimum = TimeSpan.FromMilliseconds(100);

    /// <summary>A cap this short is not worth starting an exact backend in: it is skipped, and the clock counted as its stop.</summary>
    private static readonly TimeSpan ExactMinimum = TimeSpan.FromMilliseconds(100);

    public static (Packing Best, string Method, LowerBound Bound) Run(
        Units units, Packing best, string method, LowerBound bound, SolveOptions options, List<(string, int)> tried, StopRecord stop, IProgress<string>? progress)
    {
        var problem = units.Problem;
        var clock = options.Clock;
        var start = clock.GetTimestamp();
        // With N+k this searches the packing before failover is added: an exact backend that models N+k runs after that.
        var exact = options.Exact is { } e && problem.Failures == 0 && e.Accepts(problem) ? e : null;
        void Report(int hosts) => progress?.Report(PlanProgress.Searching(hosts, bound.Value, clock.GetElapsedTime(start)));

        // A stage's packing becomes the best when it needs fewer hosts, named in the method and the tried list with its work.
        bool Keep(Packing found, string name, long work, string unit)
        {
            if (found.Hosts >= best.Hosts)
            {
                return false;
            }

            method += $" + {name}";
            tried.Add(($"{name} ({work.ToString(CultureInfo.InvariantCulture)} {unit})", found.Hosts));
            best = found;
            return true;
        }

        if (best.Hosts > bound.Value && units.Count > Heuristics.BinCentricLimit && ChunkedSearch.Worthwhile(units.Count, best.Hosts))
        {
            progress?.Report(PlanProgress.Slices());
            var sliced = ChunkedSearch.Run(units, bound.Value, options, options.TimeLimit * 0.8, stop);
            if (sliced is not null && sliced.Hosts < best.Hosts)
            {
                tried.Add(("slices: heuristics + local search", sliced.Hosts));
                method = "slices: heuristics + local search";
                best = sliced;
            }
        }

        TimeSpan Left() => options.TimeLimit - clock.GetElapsedTime(start);

        // Column generation is stronger than local search: it goes first when it applies. In one dimension it also beats
        // the exact fill; with several, the exact fill (a fraction of a second on triplets) goes before it.
        var exactFirst = exact is not null && exact.PrefersFirst(problem);
        if (units.Dimensions > 1)
        {
            ExactFill();
        }

        if (exactFirst && best.Hosts > bound.Value)
        {
            RunExact(Left() * (units.Dimensions == 1 ? ExactFirstShare : VectorExactFirstShare));
        }

        if (units.Dimensions == 1)
        {
            ExactFill();
        }

        // Above the heuristics' size limit one move scans every host: too slow to save a host in any sensible time.
        if (best.Hosts > bound.Value && units.Count <= Heuristics.BinCentricLimit)
        {
            var share = exact is null || exactFirst ? Left() : Left() * LocalShare;

            // Destroy and repair first (quick wins on tight instances), then the pool search for the rest of the share:
            // the array-based consistent neighbourhood search in one dimension when only capacity binds, else the rule-aware one.
            var lnsBudget = new SearchBudget(share * LnsShare, options.MaxRepairs, options.Seed, clock);
            var (repaired, lnsIterations) = Lns.Improve(best, bound.Value, lnsBudget);
            stop.Note(lnsBudget.ClockStopped);
            if (Keep(repaired, "destroy and repair", lnsIterations, "tries"))
            {
                Report(best.Hosts);
            }

            var budget = new SearchBudget(share - lnsBudget.Elapsed, options.MaxIterations, options.Seed, clock);
            // Measured on vbp samples, the rule-aware search does better with several dimensions; in one dimension the
            // consistent neighbourhood search finds the exact fits the other misses (Schwerin, Scholl HARD).
            var capacityOnly = units.CapacityOnly && units.Dimensions == 1;
            var (improved, iterations) = capacityOnly
                ? ConsistentSearch.Improve(best, bound.Value, budget, Report)
                : LocalSearch.Improve(best, bound.Value, budget, Report);
            stop.Note(budget.ClockStopped);
            Keep(improved, capacityOnly ? "consistent neighbourhood search" : "local search", iterations, "moves");

            // Several dimensions and only capacity: the consistent neighbourhood search on the vector sizes (the pool
            // weighed by normalised sizes, as in Buljubasic and Vasquez's two-dimensional variant) for what local search
            // left of the share, from local search's packing; it only runs while the packing is above the bound.
            var vectorLeft = share - lnsBudget.Elapsed - budget.Elapsed;
            if (units.CapacityOnly && units.Dimensions > 1 && best.Hosts > bound.Value && vectorLeft > VectorConsistentMinimum)
            {
                var vectorBudget = new SearchBudget(vectorLeft, options.MaxIterations, options.Seed, clock);
                var (vector, vectorMoves) = ConsistentSearch.Improve(best, bound.Value, vectorBudget, Report);
                stop.Note(vectorBudget.ClockStopped);
                Keep(vector, "consistent neighbourhood search", vectorMoves, "moves");
            }
        }

        if (exact is not null && !exactFirst && best.Hosts > bound.Value)
        {
            RunExact(Left());
        }

        // A bound that leaves no slack in some dimension: look for the packing that fills every host exactly there.
        // (Find declines at once when no dimension is tight.)
        void ExactFill()
        {
            if (best.Hosts > bound.Value && units.Count <= Heuristics.BinCentricLimit)
            {
                var share = PerfectFill.AllTight(units, bound.Value) ? AllTightShare : PerfectShare;
                var budget = new SearchBudget(Left() * share, options.FillNodes, options.Seed, clock);
                var perfect = PerfectFill.Find(units, bound.Value, best.LabelOf(0), budget);
                stop.Note(budget.ClockStopped);
                if (perfect is not null)
                {
                    method = "exact fill";
                    tried.Add(("exact fill", perfect.Hosts));
                    best = perfect;
                    Report(best.Hosts);
                }
            }
        }

        void RunExact(TimeSpan cap)
        {
            if (cap <= ExactMinimum)
            {
                stop.Note(clock: true);
                return;
            }

            Report(best.Hosts);
            var result = exact!.Solve(problem, best.ToSolution(method), bound.Value, options.ExactBudget(cap), progress);
            stop.Note(result.ClockStopped);
            if (result.Solution is not null && result.Solution.HostCount < best.Hosts && FromSolution(units, result.Solution) is { } packing)
            {
                best = packing;
                method = result.Solution.Method;
                tried.Add((result.Solution.Method, best.Hosts));
            }

            var proved = Math.Min(result.Optimal ? best.Hosts : result.LowerBound, best.Hosts);
            if (proved > bound.Value)
            {
                bound = new LowerBound(proved, [.. bound.Parts, new BoundPart(BoundTexts.ExactBackend(result.Status).English, proved)]);
            }
        }

        return (best, method, bound);
    }

    /// <summary>Whether the plan meets its bound; else the clock if it stopped any stage, else the budgets.</summary>
    public static StopReason Ended(int hosts, int bound, StopRecord stop) =>
        hosts <= bound ? StopReason.Bound : stop.Clock ? StopReason.Clock : StopReason.Budget;

    /// <summary>
    /// Rebuilds a packing from an outside solution, placing unit by unit through every rule; null if any fails. Idle hosts
    /// are dropped unless <paramref name="keepIdle"/> (spares kept for failures, which its restarts number).
    /// </summary>
    public static Packing? FromSolution(Units units, PlacementSolution solution, bool keepIdle = false)
    {
        var p = new Packing(units);
        for (var h = 0; h < solution.HostCount; h++)
        {
            p.Open(solution.HostGroup[h]);
        }

        var cap = units.Problem.Capacity;
        for (var x = 0; x < units.Count; x++)
        {
            var members = units.Members[x];
            var h = solution.HostOfItem[members[0]];
            if (h < 0 || h >= p.Hosts || members.Any(i => solution.HostOfItem[i] != h) || !p.CanPlace(x, h, cap))
            {
                return null;
            }

            p.Place(x, h);
        }

        return keepIdle ? p : p.Compact();
    }
}

/// <summary>Whether the wall-time cap, rather than a deterministic budget, stopped any stage of one placement.</summary>
internal sealed class StopRecord
{
    public bool Clock { get; private set; }

    public void Note(bool clock) => Clock |= clock;
}
