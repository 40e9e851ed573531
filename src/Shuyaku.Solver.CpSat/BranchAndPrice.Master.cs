using System.Globalization;
using Google.OrTools.LinearSolver;
using Lp = Google.OrTools.LinearSolver.Solver;
using Sat = Google.OrTools.Sat;

namespace Shuyaku.Solver.CpSat;

/// <summary>The node's master LP, its pricing and its branching: what the decisions of one node allow.</summary>
internal sealed partial class BranchAndPrice
{
    private const double PiScale = 1e6;

    /// <summary>Nodes the branch and bound of pricing may spend before CP-SAT is asked.</summary>
    private const int PricingNodes = 200_000;

    /// <summary>Deterministic time (about seconds) one CP-SAT pricing call may take.</summary>
    private const double PricingWork = 0.5;

    /// <summary>
    /// Cheap pricing: from each of the most valuable groups, fill by value
    /// per summed size; patterns worth more than one host.
    /// </summary>
    private List<int[]> Greedy(NodeGroups groups, double[] pi)
    {
        var value = groups.Values(pi);
        var priced = Enumerable.Range(0, groups.Count).Where(g => value[g] > 1e-12 && !groups.Closed(g)).ToArray();
        var order = priced.OrderByDescending(g => value[g] / Math.Max(groups.Size[g], Eps)).ThenBy(g => g).ToArray();
        var found = new List<(int[] Pattern, double Value)>();
        var seen = new HashSet<int[]>(PatternComparer.Instance);
        foreach (var first in priced.OrderByDescending(g => value[g]).ThenBy(g => g).Take(20))
        {
            var free = _items.Room();
            var chosen = new List<int> { first };
            groups.Take(first, free);
            var total = value[first];
            foreach (var g in order)
            {
                if (g != first && groups.Fits(g, free) && !chosen.Any(c => groups.Apart(c, g)))
                {
                    chosen.Add(g);
                    groups.Take(g, free);
                    total += value[g];
                }
            }

            var pattern = groups.Pattern(chosen);
            if (total > 1 + Eps && seen.Add(pattern))
            {
                found.Add((pattern, total));
            }
        }

        return Pricing.Best(found);
    }

    /// <summary>
    /// Exact pricing at any node: the branch and bound of <see cref="KnapsackPricer"/> over the node's groups with the pairs
    /// kept apart; when it runs out of nodes, CP-SAT over the same (the 0/1 knapsack in every dimension, values scaled to
    /// whole numbers). The branch and bound may leave parts bounded below <paramref name="useful"/>, the value under which
    /// the node's Farley bound would rise. Proven when the branch and bound ends within its node limit or holds a pattern
    /// worth more than one host (its value is an upper bound on every pattern's), or CP-SAT reports optimal on the
    /// problem's own whole-number demands (the value then allows for the rounding).
    /// </summary>
    private Priced PriceExactly(NodeGroups groups, double[] pi, double useful)
    {
        _pricings++;
        var value = groups.Values(pi);
        // Groups worth nothing never raise a pattern's value.
        var candidates = Enumerable.Range(0, groups.Count).Where(g => value[g] > 1e-12 && !groups.Closed(g)).ToArray();
        var pricer = new KnapsackPricer(_items.Dimensions, groups.Demand, value, candidates, groups.ApartPairs, PricingNodes, KnapsackPricer.EnoughNodes, Pricing.MaxNew, useful);
        pricer.Run();
        if (pricer.Proven)
        {
            return new Priced(pricer.UpperBound, true, Pricing.Best(pricer.Found.Select(f => (groups.Pattern(f.Units), f.Value))));
        }

        return CpSatPricing(groups, value, candidates, []);
    }

    /// <summary>
    /// CP-SAT over the <paramref name="candidates"/> groups: the 0/1 knapsack in every dimension (an equality in
    /// <paramref name="exactDims"/>) with the pairs kept apart, values scaled to whole numbers. Proven when CP-SAT reports
    /// optimal (or infeasible) on the problem's own whole-number demands; the value then allows for the rounding.
    /// </summary>
    private Priced CpSatPricing(NodeGroups groups, double[] value, int[] candidates, int[] exactDims)
    {
        var model = new Sat.CpModel();
        var x = candidates.Select(_ => model.NewBoolVar("")).ToArray();
        var d = _items.Dimensions;
        for (var k = 0; k < d; k++)
        {
            var weights = candidates.Select(g => groups.WholeDemand[(g * d) + k]).ToArray();
            if (exactDims.Contains(k))
            {
                model.Add(Sat.LinearExpr.WeightedSum(x, weights) == _items.WholeCapacity[k]);
            }
            else if (weights.Sum() > _items.WholeCapacity[k])
            {
                model.Add(Sat.LinearExpr.WeightedSum(x, weights) <= _items.WholeCapacity[k]);
            }
        }

        var at = new Dictionary<int, int>();
        for (var c = 0; c < candidates.Length; c++)
        {
            at[candidates[c]] = c;
        }

        foreach (var (a, b) in groups.ApartPairs)
        {
            if (at.TryGetValue(a, out var ca) && at.TryGetValue(b, out var cb))
            {
                model.AddBoolOr([x[ca].Not(), x[cb].Not()]);
            }
        }

        model.Maximize(Sat.LinearExpr.WeightedSum(x, candidates.Select(g => (long)Math.Round(value[g] * PiScale))));
        var left = _budget.Cap - _budget.Clock.GetElapsedTime(_start);
        var solver = new Sat.CpSolver
        {
            StringParameters = string.Create(
                CultureInfo.InvariantCulture,
                $"max_deterministic_time:{PricingWork:0.###} max_time_in_seconds:{Math.Max(0.01, left.TotalSeconds):0.###} num_workers:1 random_seed:1"),
        };
        var collector = new Collector(candidates, x, value, groups);
        var status = solver.Solve(model, collector);
        var best = collector.Found.Count > 0 ? collector.Found.Max(f => f.Value) : 0;
        var proven = status is Sat.CpSolverStatus.Optimal or Sat.CpSolverStatus.Infeasible && _items.WholeNumbers;
        if (!proven)
        {
            _ = OutOfTime;
        }

        var slack = candidates.Length / PiScale;
        return new Priced(proven ? best + slack : best, proven, Pricing.Best(collector.Found.Where(f => f.Value > 1 + Eps)));
    }

    /// <summary>Nodes one exact-fill pricing call may spend before CP-SAT is asked.</summary>
    private const int ExactFillNodes = 200_000;

    /// <summary>Exact-fill patterns one pricing call adds at most: few patterns fill a host exactly, so each is worth having.</summary>
    private const int ExactFillNew = 40;

    /// <summary>
    /// Exact pricing over exact-fill patterns (those that fill <paramref name="exactDims"/> exactly, whole-number demands):
    /// the branch and bound of <see cref="ExactFillPricer"/> first, CP-SAT with equalities in those dimensions when it runs
    /// out of nodes. Groups worth nothing or less take part, since closing a host may need them.
    /// </summary>
    private Priced PriceExactFill(NodeGroups groups, double[] pi, int[] exactDims)
    {
        _pricings++;
        var value = groups.Values(pi);
        var skip = Enumerable.Range(0, groups.Count).Select(groups.Closed).ToArray();
        if (ExactFillPricer.Fits(_items.WholeCapacity, exactDims, groups.Count))
        {
            var pricer = new ExactFillPricer(groups.WholeDemand, _items.WholeCapacity, value, skip, exactDims, groups.ApartPairs, ExactFillNodes, ExactFillNew, () => OutOfTime);
            pricer.Run();
            var patterns = pricer.Found.OrderByDescending(f => f.Value).Select(f => groups.Pattern(f.Groups)).ToList();
            if (pricer.Proven || patterns.Count > 0 || ClockStopped)
            {
                return new Priced(pricer.BestValue, pricer.Proven, patterns);
            }
        }

        var candidates = Enumerable.Range(0, groups.Count).Where(g => !skip[g]).ToArray();
        return CpSatPricing(groups, value, candidates, exactDims);
    }

    private sealed class Collector(int[] candidates, Sat.BoolVar[] x, double[] value, NodeGroups groups) : Sat.CpSolverSolutionCallback
    {
        public List<(int[] Pattern, double Value)> Found { get; } = [];

        public override void OnSolutionCallback()
        {
            var chosen = candidates.Where((_, i) => BooleanValue(x[i])).ToList();
            Found.Add((groups.Pattern(chosen), chosen.Sum(g => value[g])));
        }
    }

    /// <summary>
    /// The items of one node merged into groups by its "together" decisions (union of pairs), with its "apart" decisions
    /// between groups. A pattern is allowed when it holds each group whole or not at all and no pair kept apart.
    /// </summary>
    private sealed class NodeGroups
    {
        private readonly int[] _groupOf;
        private readonly int[][] _members;
        private readonly HashSet<(int, int)> _apart = [];
        private readonly int[] _seen;
        private readonly int _dimensions;
        private readonly bool[] _closed;

        public NodeGroups(VectorItems items, Decision[] decisions, int[][] fixedBins)
        {
            var n = items.Count;
            var parent = Enumerable.Range(0, n).ToArray();
            int Find(int a)
            {
                while (parent[a] != a)
                {
                    parent[a] = parent[parent[a]];
                    a = parent[a];
                }

                return a;
            }

            void Union(int x, int y)
            {
                var (a, b) = (Find(x), Find(y));
                if (a != b)
                {
                    parent[Math.Max(a, b)] = Math.Min(a, b);
                }
            }

            foreach (var t in decisions.Where(t => t.Together))
            {
                Union(t.A, t.B);
            }

            var inFixed = new bool[n];
            foreach (var bin in fixedBins)
            {
                foreach (var j in bin)
                {
                    // Two fixed hosts sharing an item contradict each other.
                    Infeasible |= inFixed[j];
                    inFixed[j] = true;
                    Union(bin[0], j);
                }
            }

            var roots = Enumerable.Range(0, n).Select(Find).ToArray();
            var index = new Dictionary<int, int>();
            _groupOf = new int[n];
            var members = new List<List<int>>();
            for (var j = 0; j < n; j++)
            {
                if (!index.TryGetValue(roots[j], out var g))
                {
                    g = members.Count;
                    index[roots[j]] = g;
                    members.Add([]);
                }

                _groupOf[j] = g;
                members[g].Add(j);
            }

            _members = members.Select(m => m.ToArray()).ToArray();
            _closed = new bool[_members.Length];
            foreach (var bin in fixedBins)
            {
                // A fixed host is a group of its own that no other group may join; one that grew by a "together" decision
                // is no longer that host.
                var g = _groupOf[bin[0]];
                _closed[g] = true;
                Infeasible |= _members[g].Length != bin.Length;
            }

            _dimensions = items.Dimensions;
            var d = items.Dimensions;
            Size = new double[Count];
            Demand = new double[Count * d];
            WholeDemand = new long[Count * d];
            for (var g = 0; g < Count; g++)
            {
                foreach (var j in _members[g])
                {
                    Size[g] += items.Size[j];
                    for (var k = 0; k < d; k++)
                    {
                        Demand[(g * d) + k] += items.Demand[(j * d) + k];
                        WholeDemand[(g * d) + k] += items.WholeDemand[(j * d) + k];
                    }
                }

                for (var k = 0; k < d; k++)
                {
                    Infeasible |= Demand[(g * d) + k] > 1 + Eps || WholeDemand[(g * d) + k] > items.WholeCapacity[k];
                }
            }

            foreach (var t in decisions.Where(t => !t.Together))
            {
                var (a, b) = (_groupOf[t.A], _groupOf[t.B]);
                Infeasible |= a == b;
                _apart.Add((Math.Min(a, b), Math.Max(a, b)));
            }

            ApartPairs = [.. _apart.Order()];
            _seen = new int[Count];
        }

        public int Count => _members.Length;

        /// <summary>Whether the decisions contradict each other (a pair apart inside a group) or a group fits no host.</summary>
        public bool Infeasible { get; }

        public double[] Size { get; }

        public double[] Demand { get; }

        public long[] WholeDemand { get; }

        public (int, int)[] ApartPairs { get; }

        public int GroupOf(int item) => _groupOf[item];

        /// <summary>Whether group g is a fixed host: its own column covers it, and pricing leaves it out.</summary>
        public bool Closed(int g) => _closed[g];

        public bool Apart(int a, int b) => _apart.Contains((Math.Min(a, b), Math.Max(a, b)));

        public double[] Values(double[] pi)
        {
            var value = new double[Count];
            for (var g = 0; g < Count; g++)
            {
                foreach (var j in _members[g])
                {
                    value[g] += pi[j];
                }
            }

            return value;
        }

        public bool Fits(int g, double[] free)
        {
            for (var k = 0; k < _dimensions; k++)
            {
                if (Demand[(g * _dimensions) + k] > free[k] + Eps)
                {
                    return false;
                }
            }

            return true;
        }

        public void Take(int g, double[] free)
        {
            for (var k = 0; k < _dimensions; k++)
            {
                free[k] -= Demand[(g * _dimensions) + k];
            }
        }

        /// <summary>The items of the groups, sorted: a pattern.</summary>
        public int[] Pattern(IEnumerable<int> chosen) => [.. chosen.SelectMany(g => _members[g]).Order()];

        public bool Allows(int[] pattern)
        {
            foreach (var j in pattern)
            {
                _seen[_groupOf[j]]++;
            }

            var allowed = true;
            foreach (var j in pattern)
            {
                var g = _groupOf[j];
                allowed &= _seen[g] == _members[g].Length && (!_closed[g] || _seen[g] == pattern.Length);
            }

            foreach (var (a, b) in ApartPairs)
            {
                allowed &= _seen[a] == 0 || _seen[b] == 0;
            }

            foreach (var j in pattern)
            {
                _seen[_groupOf[j]] = 0;
            }

            return allowed;
        }

        public int[] Members(int g) => _members[g];
    }

    /// <summary>
    /// The set-partitioning master LP of the tree: one row per item (covered exactly once), an artificial column per item
    /// at a cost no packing reaches (so every node's LP is feasible; with them the LP is only larger, so its value still
    /// bounds the node), and a column of cost one per pattern, barred (upper bound zero) where the node's decisions
    /// forbid it.
    /// </summary>
    private sealed class PartitionLp
    {
        private readonly Constraint[] _rows;
        private readonly Objective _objective;
        private readonly List<(int[] Pattern, Variable Var)> _columns = [];
        private readonly HashSet<int[]> _seen = new(PatternComparer.Instance);
        private readonly int _artificial;
        private readonly VectorItems _items;
        private readonly List<ulong> _filled = [];
        private NodeGroups? _groups;
        private ulong _exactMask;

        public PartitionLp(Lp lp, VectorItems vector, double bigCost)
        {
            var items = vector.Count;
            _items = vector;
            Solver = lp;
            _rows = Enumerable.Range(0, items).Select(_ => lp.MakeConstraint(1, 1, "")).ToArray();
            _objective = lp.Objective();
            _objective.SetMinimization();
            for (var j = 0; j < items; j++)
            {
                var v = lp.MakeNumVar(0, double.PositiveInfinity, "");
                _objective.SetCoefficient(v, bigCost);
                _rows[j].SetCoefficient(v, 1);
                _columns.Add(([], v));
                _filled.Add(0);
            }

            _artificial = items;
        }

        /// <summary>The LP solver the master lives in.</summary>
        public Lp Solver { get; }

        /// <summary>
        /// Bars every column the node's decisions forbid (and, with <paramref name="exactMask"/>, every column that does not
        /// fill those dimensions exactly) and frees the others; columns added later follow them too.
        /// </summary>
        public void Restrict(NodeGroups groups, ulong exactMask)
        {
            _groups = groups;
            _exactMask = exactMask;
            for (var c = _artificial; c < _columns.Count; c++)
            {
                _columns[c].Var.SetUb(Allowed(_columns[c].Pattern, _filled[c]) ? double.PositiveInfinity : 0);
            }
        }

        private bool Allowed(int[] pattern, ulong filled) =>
            (filled & _exactMask) == _exactMask && (_groups is null || _groups.Allows(pattern));

        /// <summary>The dimensions (as bits) a pattern fills exactly, in the problem's whole numbers.</summary>
        private ulong Filled(int[] pattern)
        {
            if (!_items.WholeNumbers || _items.Dimensions > 64)
            {
                return 0;
            }

            var d = _items.Dimensions;
            var mask = 0UL;
            for (var k = 0; k < d; k++)
            {
                long sum = 0;
                foreach (var j in pattern)
                {
                    sum += _items.WholeDemand[(j * d) + k];
                }

                mask |= sum == _items.WholeCapacity[k] ? 1UL << k : 0;
            }

            return mask;
        }

        public void Add(int[] pattern)
        {
            if (!_seen.Add(pattern))
            {
                return;
            }

            var filled = Filled(pattern);
            var v = Solver.MakeNumVar(0, Allowed(pattern, filled) ? double.PositiveInfinity : 0, "");
            _objective.SetCoefficient(v, 1);
            foreach (var j in pattern)
            {
                _rows[j].SetCoefficient(v, 1);
            }

            _columns.Add((pattern, v));
            _filled.Add(filled);
        }

        public double[] Values() => _columns.Select(c => c.Var.SolutionValue()).ToArray();

        /// <summary>Writes the rows' duals into <paramref name="pi"/> and returns their sum (the LP's value at its optimum).</summary>
        public double Duals(double[] pi)
        {
            double sum = 0;
            for (var j = 0; j < _rows.Length; j++)
            {
                pi[j] = _rows[j].DualValue();
                sum += pi[j];
            }

            return sum;
        }

        public double ArtificialValue(double[] x) => x.Take(_artificial).Sum();

        /// <summary>The pattern columns and their values (columns added after the last solve are zero there).</summary>
        public IEnumerable<(int[] Pattern, double X)> Real(double[] x) =>
            _columns.Skip(_artificial).Select((c, i) => (c.Pattern, _artificial + i < x.Length ? x[_artificial + i] : 0.0));

        public bool Integral(double[] x) => ArtificialValue(x) < 1e-6 && x.All(v => v < 1e-6 || v > 1 - 1e-6);

        /// <summary>
        /// Ryan–Foster: the pair of groups that the LP puts on one host with the largest fractional total, or null when
        /// every pair's total is whole. Returns one item of each group.
        /// </summary>
        public (int, int)? BranchPair(double[] x, NodeGroups groups)
        {
            var together = new Dictionary<(int, int), double>();
            foreach (var (p, v) in Real(x))
            {
                if (v < 1e-6 || v > 1 - 1e-6)
                {
                    continue;
                }

                var gs = p.Select(groups.GroupOf).Distinct().Order().ToArray();
                for (var a = 0; a < gs.Length; a++)
                {
                    for (var b = a + 1; b < gs.Length; b++)
                    {
                        together[(gs[a], gs[b])] = together.GetValueOrDefault((gs[a], gs[b])) + v;
                    }
                }
            }

            var best = together.Where(t => t.Value > 1e-6 && t.Value < 1 - 1e-6)
                .OrderByDescending(t => t.Value).ThenBy(t => t.Key).Select(t => ((int, int)?)t.Key).FirstOrDefault();
            return best is var (ga, gb) ? (groups.Members(ga)[0], groups.Members(gb)[0]) : null;
        }
    }
}
