using System.Globalization;
using Shuyaku.Core.Placement;
using Lp = Google.OrTools.LinearSolver.Solver;

namespace Shuyaku.Solver.CpSat;

/// <summary>
/// Branch and price for packing without rules, in any number of dimensions and with any number of items per host: a
/// set-partitioning master LP over host patterns (each item covered exactly once), column generation priced exactly by a
/// multi-dimensional 0/1 knapsack (greedy first, then <see cref="KnapsackPricer"/>, CP-SAT when that runs out of nodes), and Ryan–Foster branching on item pairs (the two items
/// together on one host, or apart), depth first with "together" first. Every node's LP, rounded up (or Farley's bound
/// before it converges), prunes the node when it reaches the best packing's hosts; the tree searches for a packing on
/// fewer hosts than the best one. When every node is closed by a proven bound the best packing is optimal. Primal
/// packings come from nodes whose LP is integral and from rounding each node's LP (patterns taken by decreasing value,
/// the items left by first-fit decreasing). Where a packing on the lower bound's hosts would fill every host exactly in
/// some dimension (the total demand is that many hosts' capacity: a perfect packing), the tree searches for exactly that
/// packing, pruning every node whose bound exceeds it; the LP of such a node at its optimum uses only patterns that fill
/// those dimensions exactly, so the tree then allows and prices only those (exact fill, <see cref="ExactFillPricer"/>),
/// closes a node whose LP at its proven optimum needs an artificial column, dives from the root by fixing patterns with
/// backtracking, and, when it closes, starts again at the bound plus one. Nodes, LP solves and CP-SAT's deterministic time per
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
    private ulong _exactMask;
    private int _diveNodes;

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

    /// <summary>Nodes (LPs re-solved after fixing a pattern) the dive at the root may open.</summary>
    private const int DiveNodes = 2_000;

    /// <summary>Patterns the dive tries at each level, the LP's highest first.</summary>
    private const int DiveBranches = 3;

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
        return Joined(first, hint, search.BestBins, items.Assign, "branch and price", search.Bound, search.Status(), search.ClockStopped, progress);
    }

    /// <summary>
    /// A tree's result after column generation's <paramref name="first"/> (from <paramref name="hint"/>): its packing
    /// <paramref name="bins"/> (assigned by <paramref name="assign"/>, named <paramref name="method"/>) when it needs fewer
    /// hosts than the best before it, the larger bound of the two, both statuses, and whether either was stopped by the clock.
    /// </summary>
    internal static ExactResult Joined(ExactResult first, PlacementSolution hint, List<int[]>? bins, Func<List<int[]>, int[]> assign, string method,
        int treeBound, string treeStatus, bool treeClockStopped, IProgress<string>? progress)
    {
        var solution = first.Solution;
        if (bins is not null && bins.Count < (first.Solution ?? hint).HostCount)
        {
            solution = new PlacementSolution(bins.Count, Enumerable.Repeat(-1, bins.Count).ToArray(), assign(bins), method);
            progress?.Report(PlanProgress.BranchAndPrice(bins.Count));
        }

        var hosts = solution?.HostCount ?? hint.HostCount;
        var bound = Math.Min(hosts, Math.Max(first.LowerBound, treeBound));
        return new ExactResult(solution, bound, hosts <= bound, $"{first.Status}; {treeStatus}", first.ClockStopped || treeClockStopped);
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

        _master = new PartitionLp(lp, _items, bigCost: _items.Count + 1.0);
        AddColumns(start);
        AddColumns(_items.FirstFitDecreasing(Enumerable.Range(0, _items.Count)));
        // A tree that searched exact-fill packings on the bound's hosts and closed raises the bound by one; the search
        // then starts again from the root for a packing on fewer hosts than the best at the new bound.
        while (Tree() && Best > Bound)
        {
        }
    }

    /// <summary>
    /// One tree from the root, depth first; whether it closed every node with a search for exact-fill packings (after
    /// which the bound has risen by one).
    /// </summary>
    private bool Tree()
    {
        var stack = new Stack<Decision[]>();
        stack.Push([]);
        var root = true;
        var exact = false;
        _unproven = false;
        _lowestTarget = int.MaxValue;
        while (stack.Count > 0 && Best > Bound)
        {
            if (Nodes >= _nodeLimit || _lpSolves >= _budget.LpSolves || OutOfTime)
            {
                _unproven = true;
                break;
            }

            var decisions = stack.Pop();
            Nodes++;
            var node = Node(decisions, []);
            if (root)
            {
                exact = _exactMask != 0;
                Bound = Math.Max(Bound, node.Bound);
                root = false;
                if (node.Pair is not null && exact)
                {
                    Dive([], node);
                }
            }

            if (node.Pair is var (a, b) && Best > Bound)
            {
                stack.Push([.. decisions, new Decision(a, b, Together: false)]);
                stack.Push([.. decisions, new Decision(a, b, Together: true)]);
            }
        }

        if (stack.Count > 0 || _unproven)
        {
            return false;
        }

        // Every node was closed by a proven bound or its LP was integral: no packing on fewer hosts than the best exists.
        Bound = Math.Max(Bound, Math.Min(Best, _lowestTarget + 1));
        return exact;
    }

    /// <summary>
    /// One node: column generation over the patterns the decisions allow (and, in a dive, with the <paramref name="fixedBins"/>
    /// as hosts of their own), packings from its LP, and the pair to branch on (null when the node is closed), with the
    /// bound it proved (0 when none). When a packing on the target's hosts must fill every host exactly in some dimensions,
    /// only patterns that do are allowed and priced (exact fill), the node is closed as soon as its LP at a proven optimum
    /// needs an artificial column, and its bound is at most the target plus one.
    /// </summary>
    private NodeResult Node(Decision[] decisions, int[][] fixedBins)
    {
        var groups = new NodeGroups(_items, decisions, fixedBins);
        if (groups.Infeasible)
        {
            return new NodeResult(null, int.MaxValue, true, []);
        }

        // A packing on the bound's hosts fills every host exactly where the demand is the bound's capacity: sought first.
        var exactDims = ExactDimensions(Bound);
        var target = exactDims.Length > 0 ? Bound : Best - 1;
        _exactMask = Mask(exactDims);
        _lowestTarget = Math.Min(_lowestTarget, target);
        var master = _master!;
        master.Restrict(groups, _exactMask);
        AddColumns(fixedBins);
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
            var fresh = _exactMask != 0 ? [] : Greedy(groups, pi);
            if (fresh.Count == 0)
            {
                var priced = _exactMask != 0 ? PriceExactFill(groups, pi, exactDims) : PriceExactly(groups, pi, dualValue / (Math.Max(bound, Math.Min(target, Math.Ceiling(dualValue - 1e-6) - 1)) + 1e-4));
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
                        return Closed(bound, target);
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
            return new NodeResult(null, bound, false, []);
        }

        // The LP's value, artificial columns included, is a lower bound on every packing of the node once pricing proved
        // that no pattern prices out (the artificial columns only make the LP larger): above the target, the node is closed.
        // With exact fill, an artificial column at the optimum means no exact partition of the node's items exists.
        if (proven && (bound > target || (_exactMask != 0 && master.ArtificialValue(x) > 1e-6)))
        {
            return Closed(Math.Max(bound, target + 1), target);
        }

        var columns = master.Real(x).Where(c => c.X > 1e-6).ToList();
        Round(columns, fixedBins);
        if (Best <= Bound)
        {
            return new NodeResult(null, bound, true, columns);
        }

        // Without a pair to branch on, the node is closed only by an integral LP at its proven optimum (its packing then
        // recorded by the rounding); otherwise what it holds is unknown and the tree proves nothing.
        var pair = master.BranchPair(x, groups);
        var closed = pair is null && proven && master.Integral(x);
        if (pair is null && !closed)
        {
            _unproven = true;
        }

        return new NodeResult(pair, _exactMask != 0 ? Math.Min(bound, target + 1) : bound, closed, columns);
    }

    /// <summary>A node closed by its bound; with exact fill the bound says only that the target's hosts are not enough.</summary>
    private NodeResult Closed(int bound, int target) => new(null, _exactMask != 0 ? Math.Min(bound, target + 1) : bound, true, []);

    /// <summary>
    /// Dive with column fixing and backtracking (with exact fill): from the LP of the node with <paramref name="fixedBins"/>
    /// fixed, fix in turn each of the <see cref="DiveBranches"/> patterns the LP sets highest (the fuller first on a tie)
    /// as a host of its own, re-solve and re-price the LP over the items left (only patterns of items left can enter, so
    /// pricing is over the residual), and go deeper; a node whose LP proves that the items left have no exact partition
    /// is a dead end, and the search backs up to the deepest level with a pattern not yet tried. Stops at a packing on
    /// the target's hosts, or when its nodes (<see cref="DiveNodes"/>) or the budgets are spent. Finds packings only;
    /// proves nothing (the tree after it does).
    /// </summary>
    private void Dive(int[][] fixedBins, NodeResult? given)
    {
        if (_diveNodes >= DiveNodes || Best <= Bound || _lpSolves >= _budget.LpSolves || OutOfTime)
        {
            return;
        }

        _diveNodes++;
        var node = given ?? Node([], fixedBins);
        if (node.Closed || Best <= Bound || node.Pair is null)
        {
            return;
        }

        var candidates = node.Columns.Where(c => !fixedBins.Any(f => f.AsSpan().SequenceEqual(c.Pattern)))
            .OrderByDescending(c => c.X).ThenByDescending(c => c.Pattern.Sum(j => _items.Size[j])).Take(DiveBranches).ToList();
        foreach (var (pattern, _) in candidates)
        {
            Dive([.. fixedBins, pattern], null);
            if (_diveNodes >= DiveNodes || Best <= Bound)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Rounding: the LP's patterns by decreasing value, each taken when it shares no item with those taken (an integral
    /// LP gives its packing at once), then the items left by first-fit decreasing; recorded when it needs fewer hosts.
    /// </summary>
    private void Round(List<(int[] Pattern, double X)> columns, int[][] fixedBins)
    {
        var taken = new bool[_items.Count];
        var bins = new List<int[]>();
        var order = fixedBins.Select(p => (Pattern: p, X: 2.0)).Concat(columns.OrderByDescending(c => c.X).ThenByDescending(c => c.Pattern.Sum(j => _items.Size[j])));
        foreach (var (p, _) in order)
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
        if (!_items.WholeNumbers || target <= 0 || _items.Dimensions > 64)
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

    private static ulong Mask(int[] dimensions) => dimensions.Aggregate(0UL, (m, k) => m | (1UL << k));

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

    /// <summary>
    /// What one node gave: the pair to branch on (null when none), the bound it proved, whether it is closed (no packing
    /// on the target's hosts in it, or its LP integral at its proven optimum), and its LP's pattern columns above zero.
    /// </summary>
    private sealed record NodeResult((int, int)? Pair, int Bound, bool Closed, List<(int[] Pattern, double X)> Columns);

    /// <summary>One branching decision: items A and B on one host, or never on one host.</summary>
    private readonly record struct Decision(int A, int B, bool Together);
}
