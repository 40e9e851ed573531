using System.Globalization;
using Shuyaku.Core.Localization;
using Shuyaku.Core.Placement.Bounds;
using Shuyaku.Core.Placement.Search;
using Shuyaku.Core.Plans;

namespace Shuyaku.Core.Placement;

/// <summary>The outcome of placement: a solution with its failover scenarios and lower bound, or why there is none.</summary>
/// <param name="Solution">The placement, or null when there is none.</param>
/// <param name="Failover">Where workloads restart in each failure scenario.</param>
/// <param name="Bound">The lower bound on the host count.</param>
/// <param name="Why">Why there is no placement, when there is none (shown in the reader's language).</param>
/// <param name="Tried">Each method tried with its host count.</param>
/// <param name="Ended">What ended the search: the bound, a deterministic budget, or the wall-time cap.</param>
public sealed record PlacementResult(
    PlacementSolution? Solution,
    IReadOnlyList<FailoverScenario> Failover,
    LowerBound Bound,
    Phrase? Why,
    IReadOnlyList<(string Method, int Hosts)> Tried,
    StopReason Ended = StopReason.Bound)
{
    /// <summary>Why there is no placement, in English (the same in every language), or null.</summary>
    public string? Infeasible => Why?.English;

    /// <summary>Whether a placement was found.</summary>
    public bool Feasible => Solution is not null;
}

/// <summary>Heuristic placement: several constructive heuristics, host-emptying local search, then N+k by re-placement.</summary>
public static class PlacementSolver
{
    /// <summary>Failover certificates are written only while scenarios × restarts stay below this.</summary>
    private const long CertificateBudget = 2_000_000;

    /// <summary>Share of the wall-time cap the heuristics may take before the quadratic ones give up; the search gets what is left.</summary>
    private const double HeuristicShare = 0.5;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <summary>Moves evening out the room for restarts over the hosts of a large packing (<see cref="RestartRoom.Level"/>).</summary>
    private const int LevelMoves = 20_000;

    /// <summary>Share of the wall-time cap an exact backend gets on N+k after failover is added (when it accepts N+k).</summary>
    private const double ExactNkShare = 0.5;

    /// <summary>
    /// CP-SAT work units the exact backend may spend on N+k per second of the placement's cap (a work unit is about a
    /// second of one core): its deterministic budget is the lesser of <see cref="SolveOptions.CpSatWork"/> and this times
    /// the cap, so a short limit gets a small budget that ends the search the same way on every run, and the default
    /// (10 s, a placement cap of 7.5 s) keeps the full budget. Its wall-time cap is what is left of the placement's cap.
    /// </summary>
    private const double ExactNkWorkPerSecond = 1.0;

    /// <summary>The N+k exact stage's deterministic budget under <paramref name="options"/>: a function of the limit, never of the clock.</summary>
    internal static double ExactNkWork(SolveOptions options) =>
        Math.Min(options.CpSatWork, ExactNkWorkPerSecond * options.TimeLimit.TotalSeconds);

    /// <summary>
    /// The two searches for a tighter packing (see <see cref="Tighter"/>), in order, each with its share of the search's time
    /// (never more than is left of it); they run only when the search met the N+k bound early and the plan with spares is
    /// still above its bound. First the N+k problem's own search for a quarter (the sizing breakdown plans the estate several
    /// times, so it stays small); then the problem without failures in what is left, where the exact backend packs for normal
    /// operation (a quarter was too short under load for it to pack 50 units: bench rules, 50 workloads, seed 8). Both
    /// packings are tried with spares: the tightest packing for normal operation is not always the one that needs the fewest
    /// spares (bench rules, 200 workloads, seed 9: 43 hosts from the second alone, 42 from the first).
    /// </summary>
    private static readonly (double Share, bool WithoutFailures)[] TighterStages = [(0.25, false), (1.0, true)];

    /// <summary>Failure scenarios (sets of k hosts) up to which the best packing plus idle spares is tried for N+k.</summary>
    private const long SpareScenarioLimit = 10_000;

    /// <summary>Places the problem with <see cref="SolveOptions.Default"/>.</summary>
    public static PlacementResult Solve(PlacementProblem problem, IProgress<string>? progress = null) =>
        Solve(problem, SolveOptions.Default, progress);

    /// <summary>Places the problem: heuristics, local search, the exact backend where it accepts, then N+k.</summary>
    public static PlacementResult Solve(PlacementProblem problem, SolveOptions options, IProgress<string>? progress = null)
    {
        var units = Units.Build(problem);
        var bound = LowerBounds.Compute(units);
        if (units.Impossible is not null)
        {
            return new PlacementResult(null, [], bound, units.Impossible, []);
        }

        if (units.Count == 0)
        {
            return new PlacementResult(new PlacementSolution(0, [], [], "empty"), [], bound, null, []);
        }

        var tried = new List<(string, int)>();
        Packing? best = null;
        var bestName = "";
        var stop = new StopRecord();
        var start = options.Clock.GetTimestamp();

        // The cap covers the heuristics too: the quadratic ones give up past their share of it (the linear ones always run).
        var heuristicsCap = options.TimeLimit * HeuristicShare;
        bool Expired() => options.Clock.GetElapsedTime(start) > heuristicsCap;
        foreach (var (name, run) in Heuristics.All(units, Expired))
        {
            progress?.Report(name);
            var packing = run(units);
            if (packing is null)
            {
                stop.Note(clock: true);
                break;
            }

            tried.Add((name, packing.Hosts));
            if (best is null || packing.Hosts < best.Hosts)
            {
                best = packing;
                bestName = name;
            }

            if (best.Hosts <= bound.Value && problem.Failures == 0)
            {
                break;
            }
        }

        progress?.Report(PlanProgress.EmptyingHosts());
        var improved = Heuristics.EmptyHosts(best!);
        if (improved.Hosts < best!.Hosts)
        {
            tried.Add(($"{bestName} + host emptying", improved.Hosts));
            bestName += " + host emptying";
        }

        best = improved;
        // An exact backend that models N+k gets half of the time after failover is added; the search before gets the rest.
        // Both share what the heuristics left of the cap.
        var exactNk = problem.Failures > 0 && options.Exact is { } e && e.Accepts(problem) ? e : null;
        var rest = Max(TimeSpan.Zero, options.TimeLimit - options.Clock.GetElapsedTime(start));
        var searchOptions = options with { TimeLimit = exactNk is null ? rest : rest * (1 - ExactNkShare) };
        var searchStart = options.Clock.GetTimestamp();
        (best, bestName, bound) = AnytimeSearch.Run(units, best, bestName, bound, searchOptions, tried, stop, progress);
        var kinds = Enumerable.Range(0, best.Hosts).Select(h => (best.LabelOf(h), best.ZoneOf(h))).ToList();
        if (problem.Failures == 0)
        {
            // Same host count, but an even load is kinder to the workloads; keep the packing if balancing cannot match it.
            var (balanced, _) = units.Count > Heuristics.BinCentricLimit ? (null, -1) : Failover.Balance(units, kinds);
            var final = balanced ?? best;
            return new PlacementResult(final.ToSolution(bestName), [], bound, null, tried, AnytimeSearch.Ended(final.Hosts, bound.Value, stop));
        }

        progress?.Report(PlanProgress.CheckingFailures(problem.Failures));
        // Large estates with N+1: repair the packing with spare hosts rather than rebalance it host by host.
        // Smaller ones with N+1: both, keeping the one with fewer hosts (balancing adds hosts one at a time and can overshoot
        // by many on thousands of units; a spare host per group can cost one more than balancing on a few).
        // Large ones whose hosts all keep many small slots of room restart any failed host's units in any order as they
        // stand (RestartRoom); their restarts are written for the checker, so this holds only while certificates are kept.
        var large = units.Count > Heuristics.BinCentricLimit;
        Packing? roomy = null;
        if (problem.Failures == 1 && large && problem.Items <= CertificateBudget)
        {
            roomy = RestartRoom.SurvivesAnyOrder(best) ? best
                : RestartRoom.Level(best, LevelMoves) is { } level && RestartRoom.SurvivesAnyOrder(level) ? level : null;
        }

        var asIs = roomy is not null;
        var repaired = problem.Failures == 1 ? roomy ?? Failover.RepairSingleFailures(best) : null;
        var rebalanced = repaired is not null && large ? null : WithFailover(units, kinds, problem.Failures, bound.Value);
        var useRepaired = repaired is not null && (rebalanced is null || repaired.Hosts < rebalanced.Value.Item2);
        var result = useRepaired ? (repaired!, repaired!.Hosts) : rebalanced;
        var failoverMethod = asIs ? "N+1 by room on every host" : useRepaired ? "N+1 by spare hosts" : $"balanced for N+{problem.Failures}";
        // The best packing kept whole with idle spares added for the scenarios that need them: on estates whose rules already
        // force hosts, often fewer than balancing (which spreads the units and loses the packing's tightness).
        // The packing is tried as it is and, unless that meets the bound, with a label's bound units split over k + 1 hosts of
        // their zone (their failure then restarts on the label's other hosts, and a spare of another label may serve the
        // rest); then, unless the bound is met, a tighter packing the same two ways. The fewest hosts win, ties the earlier.
        var maxSpares = problem.Failures * (problem.GroupNames.Length + 1);
        bool AtBound() => result is not null && result.Value.Item2 <= bound.Value;
        void Consider(Packing candidate, string how, string? name)
        {
            if (SpareHosts.Add(candidate, problem.Failures, maxSpares) is not { } spared)
            {
                return;
            }

            // Spares of one label each where that label's hosts are full: room made on them may stand in for a spare.
            if (spared.Hosts > bound.Value && (result is null || spared.Hosts <= result.Value.Item2)
                && SpareRoom.Reduce(spared, problem.Failures, bound.Value) is { } roomy)
            {
                spared = roomy;
                how += " and room for restarts";
            }

            if (result is null || spared.Hosts < result.Value.Item2)
            {
                result = (spared, spared.Hosts);
                failoverMethod = $"N+{problem.Failures} by {how}";
                if (name is not null)
                {
                    bestName = name;
                    tried.Add(($"{name}, for idle spares", candidate.Hosts));
                }
            }
        }

        void TrySpares(Packing packing, string? name)
        {
            if (asIs || large || FailureSets.Count(packing.Hosts + problem.Failures, problem.Failures) > SpareScenarioLimit)
            {
                return;
            }

            Consider(packing, "idle spares", name);
            if (!AtBound() && LabelSplit.Spread(packing, problem.Failures) is { } split)
            {
                Consider(split, "idle spares, labels split", name);
            }

            // With hosts full in max-per-host slots: one idle spare per label (with N+1 one in all), with free slots placed where a
            // failed host's bound units can restart on the label's other hosts; on the packing, and split over k to k + 2 hosts
            // per label (2 and 3 with N+1, where one host of a label leaves its bound units nowhere to go).
            if (!AtBound() && SlotRoom.SlotRule(units) is not null)
            {
                var k = problem.Failures;
                foreach (var hosts in Enumerable.Range(Math.Max(2, k), k == 1 ? 2 : 3).Select(h => (int?)h).Prepend(null))
                {
                    if (AtBound())
                    {
                        break;
                    }

                    var start = hosts is { } over ? LabelSplit.Spread(packing, k, over) : packing;
                    if (start is not null && SlotRoom.Arrange(start, k) is { } arranged)
                    {
                        Consider(arranged, hosts is null ? "idle spares, slots arranged" : "idle spares, labels split and slots arranged", name);
                    }
                }
            }

            // The same hosts with each zone's load evened out: room on every host instead of on the zone's last one.
            if (!AtBound() && ZoneLevel.Even(packing) is { } even)
            {
                Consider(even, "idle spares, zones evened out", name);
            }
        }

        TrySpares(best, null);
        if (!AtBound())
        {
            var firstName = bestName;
            foreach (var (share, withoutFailures) in TighterStages)
            {
                var tighterTime = Min(searchOptions.TimeLimit * share, searchOptions.TimeLimit - options.Clock.GetElapsedTime(searchStart));
                if (!AtBound() && Tighter(units, best, firstName, bound, searchOptions with { TimeLimit = tighterTime }, withoutFailures, stop, progress) is { } tighter)
                {
                    TrySpares(tighter.Packing, tighter.Method);
                }
            }
        }

        if (result is null)
        {
            return new PlacementResult(null, [], bound, Texts.Phrase("placement.infeasible.survive", (units.Count + problem.Failures + kinds.Count).ToString(CultureInfo.InvariantCulture), problem.Failures.ToString(CultureInfo.InvariantCulture)), tried);
        }

        progress?.Report(PlanProgress.Survive(problem.Failures, result.Value.Item1.Hosts));
        var (packingNk, _) = result.Value;
        tried.Add((failoverMethod, packingNk.Hosts));
        var method = $"{bestName}, {failoverMethod}";
        var left = options.TimeLimit - options.Clock.GetElapsedTime(start);
        IReadOnlyList<FailoverScenario>? certified = null;
        if (exactNk is not null && packingNk.Hosts > bound.Value && left <= TimeSpan.Zero)
        {
            // The limit is spent: the exact stage does not start, and the plan says the clock ended the search.
            stop.Note(clock: true);
        }
        else if (exactNk is not null && packingNk.Hosts > bound.Value)
        {
            // Taken only when it saves a host and survives every k failures: in our own restart order, or by the restarts
            // the backend found, each verified here (and written to plan.json, where the checker verifies them again).
            var exactResult = exactNk.Solve(problem, packingNk.ToSolution(method), bound.Value, options.ExactBudget(left) with { CpSatWork = ExactNkWork(options) }, progress);
            stop.Note(exactResult.ClockStopped);
            if (exactResult.Solution is { } s && s.HostCount < packingNk.Hosts && AnytimeSearch.FromSolution(units, s, keepIdle: true) is { } p)
            {
                var own = Failover.Verify(p, problem.Failures, keepCertificates: false).FailedUnit < 0;
                var byBackend = !own && exactResult.Failover is { } given && KeepsCertificates(p.Hosts, problem)
                    && FailoverCertificates.Cover(p, problem.Failures, given);
                if (own || byBackend)
                {
                    packingNk = p;
                    certified = byBackend ? exactResult.Failover : null;
                    method = $"{s.Method} with N+{problem.Failures}";
                    tried.Add((method, p.Hosts));
                }
            }

            // A model of N+k (or of some of its scenarios) is exact or a relaxation: its proven bound holds for the plan.
            var proved = Math.Min(exactResult.LowerBound, packingNk.Hosts);
            if (proved > bound.Value)
            {
                bound = new LowerBound(proved, [.. bound.Parts, new BoundPart(BoundTexts.ExactBackend(exactResult.Status, proved).English, proved)]);
            }
        }

        var keep = KeepsCertificates(packingNk.Hosts, problem);
        var scenarios = certified is null ? Failover.Verify(packingNk, problem.Failures, keep).Scenarios : [.. certified];
        return new PlacementResult(packingNk.ToSolution(method), scenarios ?? [], bound, null, tried, AnytimeSearch.Ended(packingNk.Hosts, bound.Value, stop));
    }

    /// <summary>
    /// With N+k, the search above stops once the packing meets the whole bound, N+k arguments included; but failover by idle
    /// spares adds hosts to the packing, so a packing below that (down to the bound of normal operation) may need fewer hosts
    /// in the end. When the search stopped there, it goes on in its share of the time towards the bound without the N+k
    /// arguments, on the N+k problem itself or (<paramref name="withoutFailures"/>) on the problem without failures; the
    /// packing it finds is tried beside the first one, never instead of it.
    /// </summary>
    private static (Packing Packing, string Method)? Tighter(Units units, Packing best, string method, LowerBound bound, SolveOptions options, bool withoutFailures, StopRecord stop, IProgress<string>? progress)
    {
        var parts = bound.Parts.Where(p => p.Kind is not ("n+k" or "n+k-rules" or "n+k-spares" or "n+k-slots")).ToList();
        if (units.Problem.Failures == 0 || units.Count > Heuristics.BinCentricLimit || best.Hosts > bound.Value || parts.Count == 0
            || options.TimeLimit <= TimeSpan.Zero)
        {
            return null;
        }

        var normal = new LowerBound(parts.Max(p => p.Hosts), parts);
        if (best.Hosts <= normal.Value)
        {
            return null;
        }

        if (!withoutFailures)
        {
            var (own, ownName, _) = AnytimeSearch.Run(units, best.Clone(), method, normal, options, [], stop, progress);
            return own.Hosts < best.Hosts ? (own, ownName) : null;
        }

        // Searched as the same problem without failures (the capacity stays the normal one under N+k), so that an exact
        // backend that packs for normal operation runs too; the packing found is carried back onto the N+k problem's units.
        var normalUnits = Units.Build(units.Problem.WithoutFailures());
        if (AnytimeSearch.FromSolution(normalUnits, best.ToSolution(method)) is not { } start)
        {
            return null;
        }

        var (found, name, _) = AnytimeSearch.Run(normalUnits, start, method, normal, options, [], stop, progress);
        return found.Hosts < best.Hosts && AnytimeSearch.FromSolution(units, found.ToSolution(name)) is { } back ? (back, name) : null;
    }

    /// <summary>Plain first-fit decreasing by the sum of normalised sizes, with no search: the baseline of benchmarks.</summary>
    public static PlacementSolution FirstFitDecreasing(PlacementProblem problem) =>
        Heuristics.FirstFitDecreasing(Units.Build(problem)).ToSolution("first-fit decreasing");

    /// <summary>Each item restarts in every scenario that fails its host: C(H - 1, k - 1) of them; certificates are kept below the budget.</summary>
    private static bool KeepsCertificates(int hosts, PlacementProblem problem) =>
        FailureSets.Count(hosts - 1, problem.Failures - 1) * problem.Items <= CertificateBudget;

    private static (Packing, int)? WithFailover(Units units, List<(int Label, int Zone)> kinds, int k, int lowerBound)
    {
        var limit = units.Count + k + kinds.Count;
        Packing? found = null;
        while (kinds.Count <= limit)
        {
            var (balanced, unfit) = Failover.Balance(units, kinds);
            if (balanced is null)
            {
                kinds.Add(KindOf(units, unfit));
                continue;
            }

            var (_, failedUnit, _) = Failover.Verify(balanced, k, keepCertificates: false);
            if (failedUnit < 0)
            {
                found = balanced;
                break;
            }

            kinds.Add(KindOf(units, failedUnit));
        }

        if (found is null)
        {
            return null;
        }

        // Adding hosts one scenario at a time can overshoot: try dropping one host of each kind while N+k still holds.
        var distinct = kinds.Distinct().ToList();
        foreach (var kind in distinct)
        {
            while (kinds.Count > lowerBound)
            {
                var fewer = new List<(int, int)>(kinds);
                fewer.RemoveAt(fewer.LastIndexOf(kind));
                if (!fewer.Contains(kind) && units.Zone.Contains(kind.Zone) && HasUnitOfKind(units, kind))
                {
                    break;
                }

                var (balanced, _) = Failover.Balance(units, fewer);
                if (balanced is null || Failover.Verify(balanced, k, keepCertificates: false).FailedUnit >= 0)
                {
                    break;
                }

                kinds = fewer;
                found = balanced;
            }
        }

        return (found, kinds.Count);
    }

    private static bool HasUnitOfKind(Units units, (int Label, int Zone) kind) =>
        Enumerable.Range(0, units.Count).Any(x => units.Zone[x] == kind.Zone);

    private static (int Label, int Zone) KindOf(Units units, int unit) => (units.Fence[unit], units.Zone[unit]);
}
