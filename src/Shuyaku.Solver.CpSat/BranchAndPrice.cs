using System.Globalization;
using Shuyaku.Core.Placement;
using Lp = Google.OrTools.LinearSolver.Solver;

namespace Shuyaku.Solver.CpSat;

/// <summary>
/// Branch and price for packing without rules, in any number of dimensions and with any number of items per host: a
/// set-partitioning master LP over host patterns (each item covered exactly once), column generation priced exactly by a
/// multi-dimensional 0/1 knapsack (greedy first, then CP-SAT), and Ryan–Foster branching on item pairs (the two items
/// together on one host, or apart), depth first with "together" first. Every node's LP, rounded up (or Farley's bound
/// before it converges), prunes the node when it reaches the best packing's hosts; the tree searches for a packing on
/// fewer hosts than the best one. When every node is closed by a proven bound the best packing is optimal. Primal
/// packings come from nodes whose LP is integral and from rounding each node's LP (patterns taken by decreasing value,
/// the items left by first-fit decreasing). Where a packing on the lower bound's hosts would fill every host exactly in
/// some dimension (the total demand is that many hosts' capacity: a perfect packing), the tree searches for exactly that
/// packing, pruning every node whose bound exceeds it; the LP of such a node at its optimum uses only patterns that fill
/// those dimensions exactly. Nodes, LP solves and CP-SAT's deterministic time per
/// pricing call are the budget; the wall-time cap only guards it.
/// </summary>
internal sealed partial class BranchAndPrice
{
    private const double Eps = 1e-9;

    private readonly VectorItems _items;
    private readonly ExactBudget _budget;
    private readonly int _nodeLimit;
    private readonly long _start;
    private readonly HashSet<int[]> _inPool = new(PatternComparer.Instance);
    private PartitionLp? _master;
    private long _lpSolves;
    private bool _unproven;
    private int _lowestTarget = int.MaxValue;
    private int _pricings;

    /// <summary>A search over <paramref name="items"/> that opens at most <paramref name="nodeLimit"/> nodes.</summary>
    public BranchAndPrice(VectorItems items, ExactBudget budget, int nodeLimit)
    {
        _items = items;
        _budget = budget;
        _nodeLimit = nodeLimit;
        _start = budget.Clock.GetTimestamp();
    }

    /// <summary>Nodes one search opens at most; LP solves (the budget's) and the cap usually end it first.</summary>
    public const int NodeLimit = 100_000;

    /// <summary>A cap this short is not worth starting the search in.</summary>
    private static readonly TimeSpan MinimumCap = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Continues after column generation's <paramref name="first"/> result (from <paramref name="hint"/>) unless that is
    /// optimal: branch and price from the patterns of <paramref name="pool"/> and of the best packing, within
    /// <paramref name="budget"/>; the better packing and the larger bound of the two.
    /// </summary>
    public static ExactResult After(
        VectorItems items, ExactResult first, PlacementSolution hint, IEnumerable<int[]> pool, ExactBudget budget, IProgress<string>? progress)
    {
        if (first.Optimal || budget.Cap <= MinimumCap)
        {
            return first.Optimal ? first : first with { ClockStopped = true };
        }

        var best = first.Solution ?? hint;
        var search = new BranchAndPrice(items, budget, NodeLimit);
        search.Run([.. pool, .. items.PatternsOf(best)], best.HostCount, first.LowerBound);
        var solution = first.Solution;
        if (search.BestBins is { } bins && bins.Count < best.HostCount)
        {
            solution = new PlacementSolution(bins.Count, Enumerable.Repeat(-1, bins.Count).ToArray(), items.Assign(bins), "branch and price");
            progress?.Report(PlanProgress.BranchAndPrice(bins.Count));
        }

        var hosts = solution?.HostCount ?? hint.HostCount;
        var bound = Math.Min(hosts, Math.Max(first.LowerBound, search.Bound));
        return new ExactResult(solution, bound, hosts <= bound, $"{first.Status}; {search.Status()}", first.ClockStopped || search.ClockStopped);
    }

    /// <summary>Hosts of the best packing so far.</summary>
    public int Best { get; private set; }

    /// <summary>The best packing found by the search, as patterns, or null when it found none better than it was given.</summary>
    public List<int[]>? BestBins { get; private set; }

    /// <summary>The lower bound proven: the root LP's, or the best packing's hosts when the whole tree was closed by bounds.</summary>
    public int Bound { get; private set; }

    /// <summary>Nodes opened.</summary>
    public int Nodes { get; private set; }

    /// <summary>Whether the wall-time cap, rather than a budget, ended the search.</summary>
    public bool ClockStopped { get; private set; }

    private bool OutOfTime
    {
        get
        {
            if (_budget.Clock.GetElapsedTime(_start) < _budget.Cap)
            {
                return false;
            }

            ClockStopped = true;
            return true;
        }
    }

    /// <summary>
    /// Searches for a packing on fewer than <paramref name="best"/> hosts (on the bound's own hosts, when they would be
    /// filled exactly in some dimension: then a closed tree raises the bound by one), starting from the columns in
    /// <paramref name="start"/> (the best packing's hosts among them), with <paramref name="lowerBound"/> known.
    /// </summary>
    public void Run(IEnumerable<int[]> start, int best, int lowerBound)
    {
        Best = best;
        Bound = Math.Max(lowerBound, _items.VolumeBound(Enumerable.Range(0, _items.Count).ToArray()));
        // One master LP for the whole tree: a node only bars the columns its decisions forbid, so GLOP starts from the
        // last basis.
        using var lp = Lp.CreateSolver("GLOP");
        if (lp is null || Best <= Bound)
        {
            return;
        }

        _master = new PartitionLp(lp, _items.Count, bigCost: _items.Count + 1.0);
        AddColumns(start);
        AddColumns(_items.FirstFitDecreasing(Enumerable.Range(0, _items.Count)));
        var stack = new Stack<Decision[]>();
        stack.Push([]);
        var root = true;
        while (stack.Count > 0 && Best > Bound)
        {
            if (Nodes >= _nodeLimit || _lpSolves >= _budget.LpSolves || OutOfTime)
            {
                _unproven = true;
                break;
            }

            var decisions = stack.Pop();
            Nodes++;
            var (pair, nodeBound) = Node(decisions);
            if (root)
            {
                Bound = Math.Max(Bound, nodeBound);
                root = false;
            }

            if (pair is var (a, b))
            {
                stack.Push([.. decisions, new Decision(a, b, Together: false)]);
                stack.Push([.. decisions, new Decision(a, b, Together: true)]);
            }
        }

        if (stack.Count == 0 && !_unproven)
        {
            // Every node was closed by a proven bound or its LP was integral: no packing on fewer hosts than the best exists.
            Bound = Math.Max(Bound, Math.Min(Best, _lowestTarget + 1));
        }
    }

    /// <summary>
    /// One node: column generation over the patterns the decisions allow, packings from its LP, and the pair to branch on
    /// (null when the node is closed), with the bound it proved (0 when none).
    /// </summary>
    private ((int, int)? Pair, int Bound) Node(Decision[] decisions)
    {
        var groups = new NodeGroups(_items, decisions);
        if (groups.Infeasible)
        {
            return (null, int.MaxValue);
        }

        // A packing on the bound's hosts fills every host exactly where the demand is the bound's capacity: sought first.
        var exactDims = ExactDimensions(Bound);
        var target = exactDims.Length > 0 ? Bound : Best - 1;
        _lowestTarget = Math.Min(_lowestTarget, target);
        var master = _master!;
        master.Restrict(groups);
        var proven = false;
        var bound = 0;
        var pi = new double[_items.Count];
        double[] x = [];
        while (true)
        {
            if (_lpSolves >= _budget.LpSolves || OutOfTime)
            {
                _unproven = true;
                break;
            }

            master.Solver.SetTimeLimit((long)Math.Max(1, (_budget.Cap - _budget.Clock.GetElapsedTime(_start)).TotalMilliseconds));
            _lpSolves++;
            if (master.Solver.Solve() != Lp.ResultStatus.OPTIMAL)
            {
                _unproven = true;
                break;
            }

            x = master.Values();
            var dualValue = master.Duals(pi);
            var fresh = Greedy(groups, pi);
            if (fresh.Count == 0)
            {
                var priced = PriceExactly(groups, pi, decisions.Length == 0);
                if (priced.Proven)
                {
                    if (priced.Value <= 1 + 1e-7)
                    {
                        proven = true;
                        bound = Math.Max(bound, (int)Math.Ceiling(master.Solver.Objective().Value() - 1e-6));
                        break;
                    }

                    // Farley: every packing of the node holds the duals' value with patterns worth at most the best one.
                    bound = Math.Max(bound, (int)Math.Ceiling((dualValue / priced.Value) - 1e-6));
                    if (bound > target)
                    {
                        return (null, bound);
                    }
                }

                fresh = priced.Patterns;
            }

            if (fresh.Count == 0)
            {
                break;
            }

            AddColumns(fresh);
        }

        if (x.Length == 0)
        {
            _unproven = true;
            return (null, bound);
        }

        // The LP's value, artificial columns included, is a lower bound on every packing of the node once pricing proved
        // that no pattern prices out (the artificial columns only make the LP larger): above the target, the node is closed.
        if (proven && bound > target)
        {
            return (null, bound);
        }

        Round(master, x);
        if (Best <= Bound)
        {
            return (null, bound);
        }

        // Without a pair to branch on, the node is closed only by an integral LP at its proven optimum (its packing then
        // recorded by the rounding); otherwise what it holds is unknown and the tree proves nothing.
        var pair = master.BranchPair(x, groups);
        if (pair is null && !(proven && master.Integral(x)))
        {
            _unproven = true;
        }

        return (pair, bound);
    }

    /// <summary>
    /// Rounding: the LP's patterns by decreasing value, each taken when it shares no item with those taken (an integral
    /// LP gives its packing at once), then the items left by first-fit decreasing; recorded when it needs fewer hosts.
    /// </summary>
    private void Round(PartitionLp master, double[] x)
    {
        var taken = new bool[_items.Count];
        var bins = new List<int[]>();
        foreach (var (p, _) in master.Real(x).Where(c => c.X > 1e-6).OrderByDescending(c => c.X).ThenByDescending(c => c.Pattern.Sum(j => _items.Size[j])))
        {
            if (p.All(j => !taken[j]))
            {
                bins.Add(p);
                foreach (var j in p)
                {
                    taken[j] = true;
                }
            }
        }

        var rest = Enumerable.Range(0, _items.Count).Where(j => !taken[j]).ToList();
        if (bins.Count + _items.VolumeBound(rest) >= Best)
        {
            return;
        }

        bins.AddRange(_items.FirstFitDecreasing(rest));
        if (bins.Count < Best)
        {
            Best = bins.Count;
            BestBins = bins;
            AddColumns(bins);
        }
    }

    /// <summary>
    /// Dimensions every host of a packing on <paramref name="target"/> hosts fills exactly: where the items' whole demand
    /// is that many hosts' capacity. None unless the demands are the problem's own whole numbers.
    /// </summary>
    private int[] ExactDimensions(int target)
    {
        if (!_items.WholeNumbers || target <= 0)
        {
            return [];
        }

        var d = _items.Dimensions;
        var exact = new List<int>();
        for (var k = 0; k < d; k++)
        {
            long sum = 0;
            for (var j = 0; j < _items.Count; j++)
            {
                sum += _items.WholeDemand[(j * d) + k];
            }

            if (sum == target * _items.WholeCapacity[k])
            {
                exact.Add(k);
            }
        }

        return [.. exact];
    }

    /// <summary>Adds patterns new to the master LP as its columns.</summary>
    private void AddColumns(IEnumerable<int[]> patterns)
    {
        foreach (var p in patterns)
        {
            if (p.Length > 0 && _inPool.Add(p))
            {
                _master!.Add(p);
            }
        }
    }

    /// <summary>What the search says about how it ended.</summary>
    public string Status() => string.Create(
        CultureInfo.InvariantCulture,
        $"branch and price: {Nodes} nodes, {_lpSolves} LP solves, {_pricings} exact pricings, {(Bound >= Best ? "proven" : "not proven")}");

    /// <summary>One branching decision: items A and B on one host, or never on one host.</summary>
    private readonly record struct Decision(int A, int B, bool Together);
}
