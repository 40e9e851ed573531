using System.Globalization;
using Google.OrTools.LinearSolver;
using Shuyaku.Core.Placement;
using Lp = Google.OrTools.LinearSolver.Solver;

namespace Shuyaku.Solver.CpSat;

/// <summary>
/// Branch and price for one-dimensional bin packing over item types, branching on arc-flow variables (Valério de Carvalho
/// 1999) so that pricing stays a dynamic programme. A pattern is read as its canonical path: types largest first, the
/// copies of one type one after the other, so each copy is an arc (type, load before it). The master LP covers every type's
/// demand with patterns; a branch bounds the LP flow through one arc (the sum of the columns whose path uses it) to at most
/// its floor or at least its ceiling, as a row of the master; the pricer adds the row's dual to the arc, and skips an arc
/// bounded to zero. When every arc's flow is whole, the flow splits into whole paths, which are bins.
/// </summary>
internal sealed partial class StockBranchAndPrice
{
    /// <summary>The pricing table keeps one entry per type and load; beyond this many entries the problem is declined.</summary>
    public const long TableLimit = 1L << 22;

    /// <summary>Nodes the search may open.</summary>
    public const int NodeLimit = 100_000;

    /// <summary>Columns pricing adds per LP solve at most.</summary>
    private const int MaxNew = 10;

    private const double Eps = 1e-9;

    /// <summary>An LP value within this of a whole number counts as that number when rounded up.</summary>
    private const double RoundTolerance = 1e-6;

    private readonly Stock _stock;
    private readonly ExactBudget _budget;
    private readonly long _lpSolveLimit;
    private readonly long _start;
    private readonly int _width;
    private readonly Lp _lp;
    private readonly Objective _objective;
    private readonly Constraint[] _demandRows;
    private readonly Dictionary<long, ArcRow> _arcRows = [];
    private readonly List<Column> _columns = [];
    private readonly HashSet<int[]> _seen = new(PatternComparer.Instance);
    private readonly List<Variable> _artificials = [];
    private readonly double _artificialCost;
    private double[] _f = [];
    private ushort[] _copies = [];
    private long _lpSolves;

    private StockBranchAndPrice(Stock stock, ExactBudget budget, long lpSolveLimit)
    {
        _stock = stock;
        _budget = budget;
        _lpSolveLimit = lpSolveLimit;
        _start = budget.Clock.GetTimestamp();
        _width = (int)stock.Capacity + 1;
        _lp = Lp.CreateSolver("GLOP") ?? throw new InvalidOperationException("GLOP is not available.");

        // Without presolve GLOP's simplex runs on the master as it stands and starts from the basis of the solve before
        // (a branch changes one row's bounds, pricing adds columns); with presolve every solve presolves the whole master
        // again first. Hard28 under load: 0.70 times the time per LP solve.
        _lp.SetSolverSpecificParametersAsString("use_preprocessing: false");

        _objective = _lp.Objective();
        _objective.SetMinimization();
        _artificialCost = stock.Demand.Sum() + 1;
        _demandRows = new Constraint[stock.Types];
        for (var t = 0; t < stock.Types; t++)
        {
            _demandRows[t] = _lp.MakeConstraint(stock.Demand[t], double.PositiveInfinity, "");
            Artificial(_demandRows[t]);
        }
    }

    /// <summary>Hosts of the best packing so far.</summary>
    public int Best { get; private set; }

    /// <summary>The best packing found, as type counts per bin covering the demand exactly, or null when none beat the start.</summary>
    public List<int[]>? BestBins { get; private set; }

    /// <summary>The lower bound proven: the root LP's, or the best packing's hosts once the tree is closed.</summary>
    public int Bound { get; private set; }

    /// <summary>The root LP's bound, rounded up (a Lagrangian bound when the root closed before its LP converged); 0 before.</summary>
    public int RootBound { get; private set; }

    /// <summary>Whether every node was closed: the best packing is then optimal.</summary>
    public bool Closed { get; private set; }

    /// <summary>Nodes opened.</summary>
    public int Nodes { get; private set; }

    /// <summary>Whether the wall-time cap, rather than a budget, ended the search.</summary>
    public bool ClockStopped { get; private set; }

    /// <summary>Whether GLOP failed on a node's LP (twice: warm and from scratch), which ends the search unproven.</summary>
    public bool LpFailed { get; private set; }

    /// <summary>Whether the search stopped on its node or LP budget.</summary>
    public bool BudgetStopped { get; private set; }

    /// <summary>Whether the problem is small enough for the pricing table.</summary>
    public static bool Accepts(Stock stock) => (long)stock.Types * (stock.Capacity + 1) <= TableLimit;

    /// <summary>
    /// Searches for a packing on fewer than <paramref name="best"/> bins from the columns <paramref name="start"/>, with
    /// <paramref name="lowerBound"/> known; at most <paramref name="lpSolveLimit"/> LP solves and <see cref="NodeLimit"/> nodes.
    /// </summary>
    public static StockBranchAndPrice Run(Stock stock, IEnumerable<int[]> start, int best, int lowerBound, ExactBudget budget, long lpSolveLimit)
    {
        var search = new StockBranchAndPrice(stock, budget, lpSolveLimit);
        try
        {
            search.Search(start, best, lowerBound);
        }
        finally
        {
            search._lp.Dispose();
        }

        return search;
    }

    /// <summary>A line for the plan's status: nodes, bound and how the tree ended.</summary>
    public string Status()
    {
        var end = Closed ? "tree closed" : ClockStopped ? "stopped by the clock" : BudgetStopped ? "stopped by its budget" : LpFailed ? "stopped: an LP failed" : "stopped";
        return string.Create(CultureInfo.InvariantCulture, $"type branch and price: {Nodes} nodes, {_lpSolves} LP solves, {_columns.Count} columns, bound {Bound} (root {RootBound}), best {Best}, {end}");
    }

    private void Search(IEnumerable<int[]> start, int best, int lowerBound)
    {
        Best = best;
        Bound = Math.Max(lowerBound, _stock.VolumeBound(_stock.Demand));
        if (Best <= Bound)
        {
            Closed = true;
            return;
        }

        foreach (var p in start)
        {
            AddColumn(Clip(p));
        }

        foreach (var bin in _stock.FirstFitDecreasing(_stock.Demand))
        {
            AddColumn(bin);
        }

        Closed = Visit(root: true);
        if (Closed)
        {
            Bound = Math.Max(Bound, Best);
        }
    }

    /// <summary>
    /// Solves the node's LP by column generation and closes it or branches; true when the node and every node below it were
    /// closed (no packing on fewer than <see cref="Best"/> bins there, or one at the lower bound found).
    /// </summary>
    private bool Visit(bool root)
    {
        if (Stop())
        {
            return false;
        }

        Nodes++;
        var node = SolveNode();
        if (node is null)
        {
            return false;
        }

        if (root)
        {
            RootBound = node.Rounded;
            Bound = Math.Max(Bound, node.Rounded);
        }

        Round(node.Values);
        if (Best <= Bound || node.Rounded > Best - 1)
        {
            return true;
        }

        var flow = Flows(node.Values);
        var branch = Fractional(flow);
        if (branch is not { } arc)
        {
            if (node.Artificial < 0.5)
            {
                Record(Decompose(flow));
            }

            return Best <= Bound || node.Artificial < 0.5;
        }

        var value = flow[arc];
        var row = RowOf(arc);
        var (lo, hi) = (row.Lo, row.Hi);
        row.Set(Math.Max(lo, Math.Ceiling(value)), hi);
        var up = Visit(root: false);
        row.Set(lo, hi);
        if (Best <= Bound)
        {
            return true;
        }

        if (!up)
        {
            return false;
        }

        row.Set(lo, Math.Min(hi, Math.Floor(value)));
        var down = Visit(root: false);
        row.Set(lo, hi);
        return down || Best <= Bound;
    }

    private bool Stop()
    {
        if (_budget.Clock.GetElapsedTime(_start) >= _budget.Cap)
        {
            ClockStopped = true;
            return true;
        }

        if (Nodes >= NodeLimit || _lpSolves >= _lpSolveLimit)
        {
            BudgetStopped = true;
            return true;
        }

        return false;
    }

    /// <summary>
    /// Column generation at the node until pricing proves the LP optimal, the Lagrangian bound over at most
    /// <see cref="Best"/> − 1 bins exceeds that many (the node cannot hold a better packing), or the budget ends.
    /// </summary>
    private NodeLp? SolveNode()
    {
        var target = Best - 1;
        var pi = new double[_stock.Types];
        while (true)
        {
            if (Stop())
            {
                return null;
            }

            _lp.SetTimeLimit((long)Math.Max(1, (_budget.Cap - _budget.Clock.GetElapsedTime(_start)).TotalMilliseconds));
            _lpSolves++;
            var status = _lp.Solve();
            if (status != Lp.ResultStatus.OPTIMAL && !Stop())
            {
                // GLOP may give up on a warm start it cannot repair: once more from scratch.
                _lp.Reset();
                _lpSolves++;
                status = _lp.Solve();
            }

            if (status != Lp.ResultStatus.OPTIMAL)
            {
                // GLOP stops at the time limit given, a little before the cap: that is the clock's stop too.
                var nearCap = _budget.Cap - _budget.Clock.GetElapsedTime(_start) < TimeSpan.FromMilliseconds(100);
                ClockStopped = Stop() ? ClockStopped : ClockStopped || nearCap;
                LpFailed = !ClockStopped && !BudgetStopped;
                return null;
            }

            var values = _columns.Select(c => c.Var.SolutionValue()).ToArray();
            var z = _objective.Value();
            var artificial = ArtificialTotal();
            for (var t = 0; t < _stock.Types; t++)
            {
                pi[t] = _demandRows[t].DualValue();
            }

            foreach (var row in _arcRows.Values)
            {
                row.ReadDual();
            }

            var priced = Price(pi);
            if (priced.Value <= 1 + Eps)
            {
                return new NodeLp(values, Ceiling(z), artificial);
            }

            // Any packing on at most target bins is a solution of the node with at most target columns: the LP value
            // less target times the best reduced cost bounds it (Lagrangian bound).
            var lagrangian = z - (Math.Max(target, 0) * (priced.Value - 1));
            if (Ceiling(lagrangian) > target)
            {
                return new NodeLp(values, Ceiling(lagrangian), artificial);
            }

            var added = 0;
            foreach (var p in priced.Patterns)
            {
                added += AddColumn(p) ? 1 : 0;
            }

            if (added == 0)
            {
                // The best pattern is already a column (the LP's duals are not exact enough to go on): the Lagrangian
                // bound still holds, as the pricing is exact.
                return new NodeLp(values, Ceiling(lagrangian), artificial);
            }
        }
    }

    private static int Ceiling(double v) => (int)Math.Ceiling(v - RoundTolerance);

    /// <summary>The LP flow through each arc the solution uses.</summary>
    private Dictionary<long, double> Flows(double[] values)
    {
        var flow = new Dictionary<long, double>();
        for (var c = 0; c < values.Length; c++)
        {
            if (values[c] <= Eps)
            {
                continue;
            }

            foreach (var arc in _columns[c].Arcs)
            {
                flow[arc] = flow.GetValueOrDefault(arc) + values[c];
            }
        }

        return flow;
    }

    /// <summary>The arc to branch on: a fractional flow on the largest type, nearest the bin's start; null when every flow is whole.</summary>
    private static long? Fractional(Dictionary<long, double> flow)
    {
        long? chosen = null;
        foreach (var (arc, value) in flow)
        {
            var fraction = value - Math.Floor(value);
            if (fraction > RoundTolerance && fraction < 1 - RoundTolerance && (chosen is null || arc < chosen))
            {
                chosen = arc;
            }
        }

        return chosen;
    }

    /// <summary>
    /// Whole arc flows as bins: each unit of flow leaving load zero is followed along arcs with flow left (the flow into a
    /// load is at least the flow out of it, as every path starts at zero), until none leaves; the bin holds its arcs' types.
    /// </summary>
    private List<int[]> Decompose(Dictionary<long, double> flow)
    {
        var left = new Dictionary<int, List<(int Type, int Next, long Arc)>>();
        var units = new Dictionary<long, int>();
        foreach (var (arc, value) in flow)
        {
            var count = (int)Math.Round(value);
            if (count <= 0)
            {
                continue;
            }

            var t = (int)(arc / _width);
            var p = (int)(arc % _width);
            units[arc] = count;
            if (!left.TryGetValue(p, out var list))
            {
                left[p] = list = [];
            }

            list.Add((t, p + (int)_stock.Size[t], arc));
        }

        var bins = new List<int[]>();
        while (true)
        {
            var bin = new int[_stock.Types];
            var at = 0;
            var any = false;
            while (left.TryGetValue(at, out var list))
            {
                var step = list.FindIndex(a => units[a.Arc] > 0);
                if (step < 0)
                {
                    break;
                }

                var (t, next, arc) = list[step];
                units[arc]--;
                bin[t]++;
                at = next;
                any = true;
            }

            if (!any)
            {
                break;
            }

            bins.Add(bin);
        }

        return bins;
    }

    /// <summary>Rounding: the columns by decreasing value, whole copies first, each cut to what is left; the rest by first-fit decreasing.</summary>
    private void Round(double[] values)
    {
        var residual = (int[])_stock.Demand.Clone();
        var bins = new List<int[]>();
        var order = Enumerable.Range(0, values.Length).Where(c => values[c] > Eps).OrderByDescending(c => values[c]).ToArray();
        foreach (var pass in new[] { 0, 1 })
        {
            foreach (var c in order)
            {
                var copies = pass == 0 ? (int)Math.Floor(values[c] + RoundTolerance) : values[c] - Math.Floor(values[c] + RoundTolerance) >= 0.5 ? 1 : 0;
                for (var k = 0; k < copies; k++)
                {
                    var bin = new int[_stock.Types];
                    var any = false;
                    for (var t = 0; t < bin.Length; t++)
                    {
                        bin[t] = Math.Min(_columns[c].Pattern[t], residual[t]);
                        residual[t] -= bin[t];
                        any |= bin[t] > 0;
                    }

                    if (any)
                    {
                        bins.Add(bin);
                    }
                }
            }
        }

        bins.AddRange(_stock.FirstFitDecreasing(residual));
        Record(bins);
    }

    /// <summary>Keeps bins that cover the demand on fewer bins than the best, each cut to the demand still uncovered.</summary>
    private void Record(List<int[]> bins)
    {
        if (bins.Count >= Best)
        {
            return;
        }

        var residual = (int[])_stock.Demand.Clone();
        var kept = new List<int[]>();
        foreach (var bin in bins)
        {
            var cut = new int[_stock.Types];
            for (var t = 0; t < cut.Length; t++)
            {
                cut[t] = Math.Min(bin[t], residual[t]);
                residual[t] -= cut[t];
            }

            if (_stock.Load(bin) <= _stock.Capacity && cut.Any(a => a > 0))
            {
                kept.Add(cut);
            }
        }

        if (residual.Any(r => r > 0) || kept.Count >= Best)
        {
            return;
        }

        Best = kept.Count;
        BestBins = kept;
    }

    /// <summary>A node's LP: the columns' values, its bound (rounded up) and the artificial columns' total.</summary>
    private sealed record NodeLp(double[] Values, int Rounded, double Artificial);
}
