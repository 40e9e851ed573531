using System.Globalization;
using Google.OrTools.LinearSolver;
using Shuyaku.Core.Placement;
using Lp = Google.OrTools.LinearSolver.Solver;

namespace Shuyaku.Solver.CpSat;

/// <summary>
/// Column generation for bin packing without rules, one search per solve: the master LP (GLOP) covers what is left with
/// patterns and pricing adds new ones until none is worth more than one host, the rounded bound cannot improve any more
/// (Farley), or the budget of LP solves is spent. An integer packing comes from diving — fix the patterns the LP likes,
/// re-solve on what is left — with a few limited-discrepancy backtracks. Subclasses give the pattern kind and its pricing;
/// what is left ("rest") is an array they define, and only they read it. The LP solves (each round of dives counts as one
/// at least) are the budget that ends the search the same way on every run; the wall-time cap only guards it.
/// </summary>
internal abstract class ColumnSearch(ExactBudget budget, Random rng, int best, IProgress<string>? progress)
{
    private const int MaxDepth = 8;

    private const double Eps = 1e-9;

    /// <summary>Share of the wall-time cap the dives may reach, so the final integer programme over the pool gets the rest.</summary>
    private const double DiveShare = 0.75;

    /// <summary>
    /// Share of the CP-SAT work the first integer programme over the pool (after round <see cref="FirstIntegerRound"/> of
    /// dives) may take; the last gets the rest.
    /// </summary>
    private const double FirstIntegerShare = 0.4;

    private readonly TimeProvider _clock = budget.Clock;
    private readonly long _start = budget.Clock.GetTimestamp();
    private long _lpSolves;
    private readonly List<int[]> _pool = [];
    private readonly HashSet<int[]> _inPool = new(PatternComparer.Instance);
    private double _noise;
    private TimeSpan _phaseCap = budget.Cap;
    private int _poolAtInteger = -1;
    private List<int[]> _hintPatterns = [];

    /// <summary>Hosts of the best packing so far (the hint's until a dive beats it).</summary>
    public int Best { get; private set; } = best;

    /// <summary>The best packing the dives found, as patterns, or null.</summary>
    public List<int[]>? BestBins { get; private set; }

    /// <summary>Whether the wall-time cap, not the budget, stopped the search somewhere.</summary>
    public bool ClockStopped { get; private set; }

    /// <summary>Every pattern priced so far (root and dives, the hint's and the best packing's hosts included).</summary>
    public IReadOnlyList<int[]> Pool => _pool;

    /// <summary>The search's budgets and wall-time cap.</summary>
    protected ExactBudget Budget => budget;

    /// <summary>Time left of the search's wall-time cap.</summary>
    protected TimeSpan Left => budget.Cap - _clock.GetElapsedTime(_start);

    /// <summary>The wall time the root LP may take at most.</summary>
    protected virtual TimeSpan RootCap => budget.Cap;

    /// <summary>The LP solves the root may make.</summary>
    protected virtual long RootSolves => budget.LpSolves;

    /// <summary>Whether every round of dives starts from the root LP, rather than only the first.</summary>
    protected virtual bool RootReused => false;

    /// <summary>
    /// The round of dives (0 the pure dive) after which the first integer programme over the pool runs; it runs only if the
    /// dives get that far, else the last integer programme gets the whole <see cref="ExactBudget.CpSatWork"/>.
    /// </summary>
    protected virtual int FirstIntegerRound => 0;

    /// <summary>Rounds of dives made before the first integer programme over the pool ran, or null if it did not run.</summary>
    internal int? RoundsBeforeFirstInteger { get; private set; }

    /// <summary>Whether the LPs inside dives are priced exactly, rather than until greedy pricing finds nothing.</summary>
    protected virtual bool ExactPricingInDives => true;

    /// <summary>What is left before anything is packed.</summary>
    protected abstract int[] Everything { get; }

    /// <summary>Length of the dual vector: one entry per row the master LP may have.</summary>
    protected abstract int DualCount { get; }

    /// <summary>Whether the search must stop: its LP solves are spent, or (recorded as the clock's stop) the cap has passed.</summary>
    private bool Stopped => _lpSolves >= budget.LpSolves || CapPassed(_start, _phaseCap);

    /// <summary>Column generation seeded with the hint: a packing on fewer hosts when the dives find one, and the bound proven.</summary>
    public ExactResult Solve(PlacementSolution hint, int lowerBound)
    {
        var all = Everything;
        var bound = Math.Max(lowerBound, VolumeBound(all));
        if (hint.HostCount <= bound)
        {
            return new ExactResult(null, bound, hint.HostCount <= bound, $"hint meets the bound {bound}");
        }

        _hintPatterns = PatternsOf(hint).ToList();
        AddColumns(_hintPatterns);
        AddColumns(FirstFitDecreasing(all));
        var root = ColumnGeneration(all, exactPricing: true, RootSolves, RootCap);
        var lpBound = root is { Exact: true } ? root.Bound : 0;
        bound = Math.Max(bound, lpBound);
        if (root is not null && hint.HostCount > bound)
        {
            Run(all, root, bound);
        }

        var hosts = Math.Min(hint.HostCount, Best);
        var lp = lpBound > 0 ? $"LP bound {lpBound}" : "LP bound not proven";
        var dive = BestBins is null ? "no better" : Best.ToString(CultureInfo.InvariantCulture);
        var status = $"{lp}, dive {dive}";
        if (BestBins is not { } bins || bins.Count >= hint.HostCount)
        {
            return new ExactResult(null, bound, hint.HostCount <= bound, status, ClockStopped);
        }

        var solution = new PlacementSolution(bins.Count, Enumerable.Repeat(-1, bins.Count).ToArray(), Assign(bins), "column generation");
        return new ExactResult(solution, bound, hosts <= bound, status, ClockStopped);
    }

    /// <summary>Whether nothing is left to pack.</summary>
    protected abstract bool Covered(int[] rest);

    /// <summary>Hosts what is left needs at least by volume.</summary>
    protected abstract int VolumeBound(int[] rest);

    /// <summary>First-fit decreasing over what is left, as patterns.</summary>
    protected abstract List<int[]> FirstFitDecreasing(int[] rest);

    /// <summary>The hosts of a plan as patterns, those that fit.</summary>
    protected abstract IEnumerable<int[]> PatternsOf(PlacementSolution plan);

    /// <summary>Host of each problem item for patterns that cover everything.</summary>
    protected abstract int[] Assign(List<int[]> bins);

    /// <summary>How much a pattern holds: among patterns the LP likes equally, dives fix the fuller first.</summary>
    protected abstract double Weight(int[] pattern);

    /// <summary>
    /// Fixes the chosen <paramref name="pattern"/> (LP value <paramref name="x"/>) as hosts in <paramref name="bins"/>, then
    /// the whole parts of <paramref name="wholeToo"/>, each cut to what is left and topped up; returns what is left then.
    /// </summary>
    protected abstract int[] Fix(int[] rest, List<int[]> bins, int[] pattern, double x, IEnumerable<(int[] Pattern, double X)> wholeToo);

    /// <summary>The rows of the master LP over what is left: dual index and demand to cover, in the order they are made.</summary>
    protected abstract IEnumerable<(int Index, double Demand)> Rows(int[] rest);

    /// <summary>A pattern's count in each row (indexed as the duals) it covers.</summary>
    protected abstract IEnumerable<(int Row, int Count)> Entries(int[] pattern);

    /// <summary>Puts a pattern's coefficients into the rows (indexed as the duals) for its column.</summary>
    protected abstract void SetCoefficients(Constraint?[] rows, Variable column, int[] pattern);

    /// <summary>The columns the master LP starts with: the pool cut to what is left, then one of each thing left alone.</summary>
    protected abstract IEnumerable<int[]> FirstColumns(IReadOnlyList<int[]> pool, int[] rest);

    /// <summary>A pattern's value under the duals.</summary>
    protected abstract double Value(int[] pattern, double[] pi);

    /// <summary>Cheap pricing: up to <see cref="Pricing.MaxNew"/> patterns worth more than one host, best first.</summary>
    protected abstract List<int[]> Greedy(double[] pi, int[] rest);

    /// <summary>
    /// Exact pricing: the best pattern value (the maximum when proven) and patterns worth more than one host.
    /// <paramref name="useful"/>: an upper bound on the best pattern value at most this lets Farley's bound meet the LP
    /// value rounded up (the duals' value over that less one), or at least rise by one; pricing may leave parts of its
    /// search bounded below it.
    /// </summary>
    protected abstract Priced Knapsack(double[] pi, int[] rest, double useful);

    /// <summary>Whether <paramref name="cap"/> has passed since <paramref name="since"/>; when it has, the clock stopped the search.</summary>
    protected bool CapPassed(long since, TimeSpan cap)
    {
        if (_clock.GetElapsedTime(since) < cap)
        {
            return false;
        }

        ClockStopped = true;
        return true;
    }

    /// <summary>The value Farley's bound must exceed to meet the LP value rounded up, and at least the bound so far.</summary>
    private static double MeetsAbove(FarleyBound farley, double lpValue) => Math.Max(farley.Bound, Math.Ceiling(lpValue - 1e-6) - 1);

    /// <summary>Timestamp the search started at, for <see cref="CapPassed"/>.</summary>
    protected long Start => _start;

    /// <summary>Adds patterns to the pool every master LP starts from.</summary>
    private void AddColumns(IEnumerable<int[]> patterns)
    {
        foreach (var p in patterns)
        {
            if (p.Length > 0 && _inPool.Add(p))
            {
                _pool.Add(p);
            }
        }
    }

    /// <summary>
    /// A pure dive first, then dives allowed ever more discrepancies (later ones with noise in the choice) until
    /// <see cref="DiveShare"/> of the cap, with the integer programme over the patterns priced so far after round
    /// <see cref="FirstIntegerRound"/>, and the integer programme once more over the pool they grew.
    /// </summary>
    private void Run(int[] all, LpResult root, int target)
    {
        _phaseCap = budget.Cap * DiveShare;
        for (var round = 0; !Stopped && Best > target; round++)
        {
            // A round counts as one solve at least, so rounds that prune before any LP still end on the budget.
            _lpSolves++;
            _noise = round < 4 ? 0 : 0.3;
            Dive(all, [], 0, Math.Min(round, 3), new HashSet<int[]>(PatternComparer.Instance), round == 0 || RootReused ? root : null, target);
            if (round == FirstIntegerRound && Best > target)
            {
                RoundsBeforeFirstInteger = round + 1;
                Integer(all, target, budget.CpSatWork * FirstIntegerShare);
            }
        }

        _phaseCap = budget.Cap;
        if (Best > target && _pool.Count > _poolAtInteger)
        {
            Integer(all, target, budget.CpSatWork * (RoundsBeforeFirstInteger is null ? 1 : 1 - FirstIntegerShare));
        }
    }

    /// <summary>
    /// Price and branch: the restricted master as an integer programme over every pattern priced so far; its packing,
    /// each pattern cut to what is still left and topped up, is recorded when it needs fewer hosts.
    /// </summary>
    private void Integer(int[] all, int target, double work)
    {
        if (Left <= TimeSpan.FromMilliseconds(50) || work <= 0)
        {
            return;
        }

        _poolAtInteger = _pool.Count;
        var chosen = RestrictedMaster.Solve(
            _pool, Rows(all).ToList(), DualCount, Entries, BestBins ?? _hintPatterns, target, Best, work, Left, rng.Next(1, int.MaxValue));
        CapPassed(_start, budget.Cap);
        if (chosen is null)
        {
            return;
        }

        var bins = new List<int[]>();
        var rest = all;
        foreach (var p in chosen.OrderByDescending(Weight))
        {
            rest = Fix(rest, bins, p, 1, []);
        }

        if (!Covered(rest))
        {
            bins.AddRange(FirstFitDecreasing(rest));
        }

        Record(bins);
    }

    private void Dive(int[] rest, List<int[]> bins, int depth, int discrepancies, HashSet<int[]> tabu, LpResult? given, int target)
    {
        if (Stopped || Best <= target)
        {
            return;
        }

        if (Covered(rest))
        {
            Record(bins);
            return;
        }

        if (bins.Count + VolumeBound(rest) >= Best)
        {
            return;
        }

        var ffd = FirstFitDecreasing(rest);
        if (bins.Count + ffd.Count < Best)
        {
            Record([.. bins, .. ffd]);
        }

        var lp = given ?? ColumnGeneration(rest, ExactPricingInDives, budget.LpSolves, budget.Cap);
        if (lp is null || bins.Count + lp.Bound >= Best || Best <= target)
        {
            return;
        }

        var candidates = lp.Columns.Where(c => c.X > 1e-6 && !tabu.Contains(c.Pattern))
            .Select(c => (c.Pattern, c.X, Key: c.X + (_noise * rng.NextDouble())))
            .OrderByDescending(c => c.Key).ThenByDescending(c => Weight(c.Pattern)).ToList();
        if (candidates.Count == 0)
        {
            return;
        }

        var branches = depth < MaxDepth ? Math.Min(candidates.Count, discrepancies + 1) : 1;
        var siblings = new HashSet<int[]>(tabu, PatternComparer.Instance);
        for (var b = 0; b < branches; b++)
        {
            var nextBins = new List<int[]>(bins);
            var (pattern, x, _) = candidates[b];
            // Pure diving takes every whole part the LP offers at once, which keeps deep dives short.
            var wholeToo = branches == 1 ? candidates.Skip(1).Select(c => (c.Pattern, c.X)) : [];
            var next = Fix(rest, nextBins, pattern, x, wholeToo);
            Dive(next, nextBins, depth + 1, discrepancies - b, siblings, null, target);
            if (Stopped || Best <= target)
            {
                return;
            }

            siblings.Add(pattern);
        }
    }

    private void Record(List<int[]> bins)
    {
        if (bins.Count < Best)
        {
            Best = bins.Count;
            BestBins = bins;
            AddColumns(bins);
            var seconds = _clock.GetElapsedTime(_start).TotalSeconds;
            progress?.Report(PlanProgress.ColumnGeneration(bins.Count, seconds));
        }
    }

    /// <summary>
    /// The master LP over what is left, priced until no pattern is worth more than one host, the rounded bound cannot
    /// improve any more (Farley), the search has made <paramref name="solveLimit"/> LP solves, or (safety net)
    /// <paramref name="cap"/> has passed. Null when the LP could not be solved.
    /// Without <paramref name="exactPricing"/> it stops when greedy pricing finds nothing: the LP is then near, not at,
    /// its optimum, and its rounded value only guides the dive and prunes it, proving nothing.
    /// </summary>
    private LpResult? ColumnGeneration(int[] rest, bool exactPricing, long solveLimit, TimeSpan cap)
    {
        using var lp = Lp.CreateSolver("GLOP");
        if (lp is null)
        {
            return null;
        }

        var master = new MasterLp(lp, Rows(rest).ToList(), DualCount, SetCoefficients);
        foreach (var p in FirstColumns(_pool, rest))
        {
            master.Add(p);
        }

        var farley = new FarleyBound(VolumeBound(rest));
        var exact = false;
        var pi = new double[DualCount];
        double[] solved = [];
        var started = _clock.GetTimestamp();
        while (_lpSolves < solveLimit && !Stopped && !CapPassed(started, cap))
        {
            // GLOP has no deterministic limit to give: the solve count is the budget, this time limit only the cap.
            lp.SetTimeLimit((long)Math.Max(1, Left.TotalMilliseconds));
            _lpSolves++;
            if (lp.Solve() != Lp.ResultStatus.OPTIMAL)
            {
                CapPassed(_start, budget.Cap);
                return null;
            }

            // Read the values now: once columns are added, the model no longer matches this solution.
            solved = master.Values();
            var dualValue = master.Duals(pi);
            var fresh = Price(pi, dualValue, rest, master.Rows, exactPricing, farley, out exact);
            if (fresh.Count == 0)
            {
                break;
            }

            foreach (var p in fresh)
            {
                AddColumns([p]);
                master.Add(p);
            }
        }

        if (solved.Length == 0)
        {
            return null;
        }

        // Columns added after the last solve were not in that LP: zero there.
        return new LpResult(master.Columns.Select((c, i) => (c.Pattern, i < solved.Length ? solved[i] : 0.0)).ToList(), farley.Bound, exact);
    }

    /// <summary>
    /// New columns under the duals <paramref name="pi"/> (worth <paramref name="dualValue"/>): greedy pricing first, then
    /// exact pricing, smoothed once a centre is known. None when column generation stops here; <paramref name="proven"/>
    /// then tells whether the bound holds for the LP optimum.
    /// </summary>
    private List<int[]> Price(
        double[] pi, double dualValue, int[] rest, IReadOnlyList<(int Index, double Demand)> rows, bool exactPricing, FarleyBound farley, out bool proven)
    {
        proven = false;
        var fresh = Greedy(pi, rest);
        if (fresh.Count == 0 && !exactPricing)
        {
            farley.Raise(dualValue);
            return fresh;
        }

        if (fresh.Count == 0 && farley.Center is { } center)
        {
            // Wentges smoothing: price halfway to the duals with the best bound so far; fall back to the plain duals only
            // when that finds nothing they price out.
            var smooth = new double[pi.Length];
            double smoothValue = 0;
            foreach (var (i, demand) in rows)
            {
                smooth[i] = (0.5 * center[i]) + (0.5 * pi[i]);
                smoothValue += smooth[i] * demand;
            }

            var smoothed = Knapsack(smooth, rest, smoothValue / (MeetsAbove(farley, dualValue) + 1e-4));
            if (smoothed.Proven && farley.Meets(smooth, smoothValue, smoothed.Value, dualValue))
            {
                proven = true;
                return [];
            }

            fresh = smoothed.Patterns.Where(p => Value(p, pi) > 1 + Eps).ToList();
        }

        if (fresh.Count == 0)
        {
            var priced = Knapsack(pi, rest, dualValue / (MeetsAbove(farley, dualValue) + 1e-4));
            if (priced.Proven)
            {
                var meets = farley.Meets((double[])pi.Clone(), dualValue, priced.Value, dualValue);
                if (priced.Value <= 1 + Eps || meets)
                {
                    proven = true;
                    return [];
                }
            }

            // Empty when the exact pricing ran out of effort without finding a better pattern: no proof, stop here.
            fresh.AddRange(priced.Patterns);
        }

        return fresh;
    }
}
