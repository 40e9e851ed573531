using System.Globalization;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Google.OrTools.LinearSolver;
using Shuyaku.Core.Placement;
using Lp = Google.OrTools.LinearSolver.Solver;

namespace Shuyaku.Solver.CpSat;

/// <summary>
/// One-dimensional bin packing without rules as cutting stock: items of equal size form types with demands, the master
/// LP (GLOP) covers the demands with patterns, and a bounded knapsack over the capacity prices new patterns. The rounded
/// LP value (Gilmore–Gomory, or Farley's bound before convergence) is the lower bound; an integer packing comes from
/// diving — fix the patterns the LP likes, re-solve on what is left — with a few limited-discrepancy backtracks.
/// </summary>
public sealed class CuttingStockSolver : IExactSolver
{
    /// <summary>Capacities beyond this are declined: pricing is a dynamic programme over the capacity.</summary>
    public const long CapacityLimit = 1_000_000;

    /// <summary>The pricing table holds one bit per piece and capacity unit; beyond this many bits the problem is declined.</summary>
    private const long TableBitLimit = 1L << 28;

    private const int MaxDepth = 8;

    private readonly int _seed;
    private readonly TimeProvider _clock;

    public CuttingStockSolver(int seed = 1, TimeProvider? clock = null)
    {
        _seed = seed;
        _clock = clock ?? TimeProvider.System;
    }

    public bool Accepts(PlacementProblem problem) => Stock.From(problem) is not null;

    public ExactResult Solve(PlacementProblem problem, PlacementSolution hint, int lowerBound, TimeSpan timeLimit, IProgress<string>? progress)
    {
        var stock = Stock.From(problem);
        if (stock is null)
        {
            return new ExactResult(null, lowerBound, false, "not a one-dimensional bin packing without rules");
        }

        var bound = Math.Max(lowerBound, stock.VolumeBound(stock.Demand));
        if (hint.HostCount <= bound)
        {
            return new ExactResult(null, bound, hint.HostCount <= bound, $"hint meets the bound {bound}");
        }

        var search = new Search(stock, _clock, timeLimit, new Random(_seed), hint.HostCount, progress);
        search.AddColumns(stock.PatternsOf(hint));
        search.AddColumns(stock.FirstFitDecreasing(stock.Demand));
        var root = search.ColumnGeneration(stock.Demand);
        var lpBound = root is { Exact: true } ? root.Bound : 0;
        bound = Math.Max(bound, lpBound);
        if (root is not null && hint.HostCount > bound)
        {
            search.Run(root, bound);
        }

        var hosts = Math.Min(hint.HostCount, search.Best);
        var lp = lpBound > 0 ? $"LP bound {lpBound}" : "LP bound not proven";
        var status = string.Create(CultureInfo.InvariantCulture, $"{lp}, dive {(search.BestBins is null ? "no better" : search.Best.ToString(CultureInfo.InvariantCulture))}");
        if (search.BestBins is not { } bins || bins.Count >= hint.HostCount)
        {
            return new ExactResult(null, bound, hint.HostCount <= bound, status);
        }

        var solution = new PlacementSolution(bins.Count, Enumerable.Repeat(-1, bins.Count).ToArray(), stock.Assign(bins), "column generation");
        return new ExactResult(solution, bound, hosts <= bound, status);
    }

    /// <summary>The problem as item types (sizes largest first) with demands, over the one dimension items use.</summary>
    private sealed class Stock
    {
        public required long Capacity { get; init; }

        public required long[] Size { get; init; }

        public required int[] Demand { get; init; }

        public required int[][] ItemsOfType { get; init; }

        public required int[] TypeOfItem { get; init; }

        public int Types => Size.Length;

        public static Stock? From(PlacementProblem p)
        {
            if (!p.PlainPacking || p.Items == 0)
            {
                return null;
            }

            var used = Enumerable.Range(0, p.Dimensions).Where(k => Enumerable.Range(0, p.Items).Any(i => Math.Abs(p.DemandOf(i, k)) >= 1e-9)).ToList();
            if (used.Count != 1)
            {
                return null;
            }

            var d = used[0];
            static bool Whole(double v) => Math.Abs(v - Math.Round(v)) < 1e-9;
            var capacity = p.Capacity[d];
            if (!Whole(capacity) || capacity < 1 || capacity > CapacityLimit)
            {
                return null;
            }

            var cap = (long)Math.Round(capacity);
            var size = new long[p.Items];
            for (var i = 0; i < p.Items; i++)
            {
                var v = p.DemandOf(i, d);
                if (!Whole(v) || v < -1e-9 || Math.Round(v) > cap)
                {
                    return null;
                }

                size[i] = (long)Math.Round(v);
            }

            // Zero-size items join no type: they ride on the first bin.
            var groups = Enumerable.Range(0, p.Items).Where(i => size[i] > 0).GroupBy(i => size[i]).OrderByDescending(g => g.Key).ToArray();
            var stock = new Stock
            {
                Capacity = cap,
                Size = groups.Select(g => g.Key).ToArray(),
                Demand = groups.Select(g => g.Count()).ToArray(),
                ItemsOfType = groups.Select(g => g.ToArray()).ToArray(),
                TypeOfItem = new int[p.Items],
            };
            Array.Fill(stock.TypeOfItem, -1);
            for (var t = 0; t < stock.Types; t++)
            {
                foreach (var i in stock.ItemsOfType[t])
                {
                    stock.TypeOfItem[i] = t;
                }
            }

            var pieces = Enumerable.Range(0, stock.Types).Sum(t => PieceCount(Math.Min(stock.Demand[t], cap / stock.Size[t])));
            return (long)pieces * (cap + 1) > TableBitLimit ? null : stock;
        }

        /// <summary>Binary splitting of a bound u into pieces 1, 2, 4, …, rest.</summary>
        public static int PieceCount(long u)
        {
            var count = 0;
            for (long k = 1; u > 0; k *= 2)
            {
                u -= Math.Min(k, u);
                count++;
            }

            return count;
        }

        public int VolumeBound(int[] residual)
        {
            long volume = 0;
            for (var t = 0; t < Types; t++)
            {
                volume += residual[t] * Size[t];
            }

            return (int)((volume + Capacity - 1) / Capacity);
        }

        public long Load(int[] pattern)
        {
            long load = 0;
            for (var t = 0; t < Types; t++)
            {
                load += pattern[t] * Size[t];
            }

            return load;
        }

        public IEnumerable<int[]> PatternsOf(PlacementSolution s)
        {
            var patterns = new int[s.HostCount][];
            for (var h = 0; h < s.HostCount; h++)
            {
                patterns[h] = new int[Types];
            }

            for (var i = 0; i < TypeOfItem.Length; i++)
            {
                if (TypeOfItem[i] >= 0 && s.HostOfItem[i] >= 0 && s.HostOfItem[i] < s.HostCount)
                {
                    patterns[s.HostOfItem[i]][TypeOfItem[i]]++;
                }
            }

            return patterns.Where(p => Load(p) <= Capacity && p.Any(a => a > 0));
        }

        /// <summary>First-fit decreasing over the residual demand, as bins of type counts.</summary>
        public List<int[]> FirstFitDecreasing(int[] residual)
        {
            var bins = new List<int[]>();
            var free = new List<long>();
            for (var t = 0; t < Types; t++)
            {
                for (var c = 0; c < residual[t]; c++)
                {
                    var b = free.FindIndex(f => f >= Size[t]);
                    if (b < 0)
                    {
                        b = bins.Count;
                        bins.Add(new int[Types]);
                        free.Add(Capacity);
                    }

                    bins[b][t]++;
                    free[b] -= Size[t];
                }
            }

            return bins;
        }

        /// <summary>Host of each item for bins given as type counts (which cover the demand exactly).</summary>
        public int[] Assign(List<int[]> bins)
        {
            var host = new int[TypeOfItem.Length];
            var next = new int[Types];
            for (var b = 0; b < bins.Count; b++)
            {
                for (var t = 0; t < Types; t++)
                {
                    for (var c = 0; c < bins[b][t]; c++)
                    {
                        host[ItemsOfType[t][next[t]++]] = b;
                    }
                }
            }

            return host;
        }
    }

    private sealed class Search(Stock stock, TimeProvider clock, TimeSpan limit, Random rng, int best, IProgress<string>? progress)
    {
        private readonly long _start = clock.GetTimestamp();
        private readonly List<int[]> _pool = [];
        private readonly HashSet<int[]> _inPool = new(PatternComparer.Instance);
        private double[] _dp = [];
        private ulong[] _take = [];
        private double _noise;

        public int Best { get; private set; } = best;

        public List<int[]>? BestBins { get; private set; }

        private TimeSpan Left => limit - clock.GetElapsedTime(_start);

        private bool TimeUp => Left <= TimeSpan.Zero;

        public void AddColumns(IEnumerable<int[]> patterns)
        {
            foreach (var p in patterns)
            {
                if (_inPool.Add(p))
                {
                    _pool.Add(p);
                }
            }
        }

        /// <summary>A pure dive first, then dives allowed ever more discrepancies, later ones with noise in the choice.</summary>
        public void Run(LpResult root, int target)
        {
            for (var round = 0; !TimeUp && Best > target; round++)
            {
                _noise = round < 4 ? 0 : 0.3;
                Dive(stock.Demand, [], 0, Math.Min(round, 3), new HashSet<int[]>(PatternComparer.Instance), root, target);
            }
        }

        private void Dive(int[] residual, List<int[]> bins, int depth, int discrepancies, HashSet<int[]> tabu, LpResult? given, int target)
        {
            if (TimeUp || Best <= target)
            {
                return;
            }

            if (residual.All(r => r == 0))
            {
                Record(bins);
                return;
            }

            if (bins.Count + stock.VolumeBound(residual) >= Best)
            {
                return;
            }

            var ffd = stock.FirstFitDecreasing(residual);
            if (bins.Count + ffd.Count < Best)
            {
                Record([.. bins, .. ffd]);
            }

            var lp = given ?? ColumnGeneration(residual);
            if (lp is null || bins.Count + lp.Bound >= Best || Best <= target)
            {
                return;
            }

            var candidates = lp.Columns.Where(c => c.X > 1e-6 && !tabu.Contains(c.Pattern))
                .Select(c => (c.Pattern, c.X, Key: c.X + (_noise * rng.NextDouble())))
                .OrderByDescending(c => c.Key).ThenByDescending(c => stock.Load(c.Pattern)).ToList();
            if (candidates.Count == 0)
            {
                return;
            }

            var branches = depth < MaxDepth ? Math.Min(candidates.Count, discrepancies + 1) : 1;
            var siblings = new HashSet<int[]>(tabu, PatternComparer.Instance);
            for (var b = 0; b < branches; b++)
            {
                var nextResidual = (int[])residual.Clone();
                var nextBins = new List<int[]>(bins);
                var (pattern, x, _) = candidates[b];
                Fix(nextResidual, nextBins, pattern, Math.Max(1, (int)Math.Floor(x + 1e-6)));
                if (branches == 1)
                {
                    // Pure diving: take every whole part the LP offers at once, which keeps deep dives short.
                    foreach (var (other, ox, _) in candidates.Skip(1))
                    {
                        Fix(nextResidual, nextBins, other, (int)Math.Floor(ox + 1e-6));
                    }
                }

                Dive(nextResidual, nextBins, depth + 1, discrepancies - b, siblings, null, target);
                if (TimeUp || Best <= target)
                {
                    return;
                }

                siblings.Add(pattern);
            }
        }

        /// <summary>Copies of a pattern as bins, each cut to what is left and topped up with the largest items that still fit.</summary>
        private void Fix(int[] residual, List<int[]> bins, int[] pattern, int copies)
        {
            for (var c = 0; c < copies; c++)
            {
                var bin = new int[stock.Types];
                long load = 0;
                for (var t = 0; t < stock.Types; t++)
                {
                    bin[t] = Math.Min(pattern[t], residual[t]);
                    load += bin[t] * stock.Size[t];
                }

                if (load == 0)
                {
                    return;
                }

                for (var t = 0; t < stock.Types; t++)
                {
                    residual[t] -= bin[t];
                }

                for (var t = 0; t < stock.Types; t++)
                {
                    var more = (int)Math.Min(residual[t], (stock.Capacity - load) / stock.Size[t]);
                    bin[t] += more;
                    residual[t] -= more;
                    load += more * stock.Size[t];
                }

                bins.Add(bin);
            }
        }

        private void Record(List<int[]> bins)
        {
            if (bins.Count < Best)
            {
                Best = bins.Count;
                BestBins = bins;
                progress?.Report(string.Create(CultureInfo.InvariantCulture, $"column generation: {bins.Count} hosts, {clock.GetElapsedTime(_start).TotalSeconds:0.0} s"));
            }
        }

        /// <summary>
        /// The master LP over the residual demand, priced until no pattern has negative reduced cost, the rounded bound
        /// cannot improve any more (Farley), or time is up. Null when the LP could not be solved.
        /// </summary>
        public LpResult? ColumnGeneration(int[] residual)
        {
            using var lp = Lp.CreateSolver("GLOP");
            if (lp is null)
            {
                return null;
            }

            var rows = new Constraint?[stock.Types];
            for (var t = 0; t < stock.Types; t++)
            {
                if (residual[t] > 0)
                {
                    rows[t] = lp.MakeConstraint(residual[t], double.PositiveInfinity, "");
                }
            }

            var objective = lp.Objective();
            objective.SetMinimization();
            var columns = new List<(int[] Pattern, Variable Var)>();
            var seen = new HashSet<int[]>(PatternComparer.Instance);
            void Add(int[] clipped)
            {
                if (!seen.Add(clipped))
                {
                    return;
                }

                var v = lp.MakeNumVar(0, double.PositiveInfinity, "");
                objective.SetCoefficient(v, 1);
                for (var t = 0; t < stock.Types; t++)
                {
                    if (clipped[t] > 0)
                    {
                        rows[t]!.SetCoefficient(v, clipped[t]);
                    }
                }

                columns.Add((clipped, v));
            }

            foreach (var p in _pool)
            {
                var clipped = new int[stock.Types];
                var any = false;
                for (var t = 0; t < stock.Types; t++)
                {
                    clipped[t] = Math.Min(p[t], residual[t]);
                    any |= clipped[t] > 0;
                }

                if (any)
                {
                    Add(clipped);
                }
            }

            for (var t = 0; t < stock.Types; t++)
            {
                if (residual[t] > 0)
                {
                    var single = new int[stock.Types];
                    single[t] = (int)Math.Min(residual[t], stock.Capacity / stock.Size[t]);
                    Add(single);
                }
            }

            var bound = stock.VolumeBound(residual);
            var exact = false;
            var pi = new double[stock.Types];
            double[]? center = null;
            var centerBound = double.NegativeInfinity;
            double[] solved = [];
            while (true)
            {
                if (TimeUp)
                {
                    break;
                }

                lp.SetTimeLimit((long)Math.Max(1, Left.TotalMilliseconds));
                if (lp.Solve() != Lp.ResultStatus.OPTIMAL)
                {
                    return null;
                }

                // Read the values now: once columns are added, the model no longer matches this solution.
                solved = columns.Select(c => c.Var.SolutionValue()).ToArray();

                double dualValue = 0;
                for (var t = 0; t < stock.Types; t++)
                {
                    pi[t] = rows[t] is { } row ? Math.Max(0, row.DualValue()) : 0;
                    dualValue += pi[t] * residual[t];
                }

                var fresh = Greedy(pi, residual);
                if (fresh.Count == 0 && center is not null)
                {
                    // Wentges smoothing: price halfway to the duals with the best bound so far; fall back to the plain
                    // duals only when that finds nothing they price out.
                    var smooth = new double[stock.Types];
                    double smoothValue = 0;
                    for (var t = 0; t < stock.Types; t++)
                    {
                        smooth[t] = (0.5 * center[t]) + (0.5 * pi[t]);
                        smoothValue += smooth[t] * residual[t];
                    }

                    var (value, patterns) = Knapsack(smooth, residual);
                    var lagrangian = smoothValue / Math.Max(1, value);
                    bound = Math.Max(bound, (int)Math.Ceiling(lagrangian - 1e-6));
                    if (lagrangian > centerBound)
                    {
                        (center, centerBound) = (smooth, lagrangian);
                    }

                    if (bound >= (int)Math.Ceiling(dualValue - 1e-6))
                    {
                        exact = true;
                        break;
                    }

                    fresh = patterns.Where(p => Value(p, pi) > 1 + 1e-9).ToList();
                }

                if (fresh.Count == 0)
                {
                    var (value, patterns) = Knapsack(pi, residual);
                    var lagrangian = dualValue / Math.Max(1, value);
                    bound = Math.Max(bound, (int)Math.Ceiling(lagrangian - 1e-6));
                    if (lagrangian > centerBound)
                    {
                        (center, centerBound) = ((double[])pi.Clone(), lagrangian);
                    }

                    if (value <= 1 + 1e-9 || bound >= (int)Math.Ceiling(dualValue - 1e-6))
                    {
                        exact = true;
                        break;
                    }

                    fresh.AddRange(patterns);
                }

                foreach (var p in fresh)
                {
                    AddColumns([p]);
                    Add(p);
                }
            }

            if (solved.Length == 0)
            {
                return null;
            }

            // Columns added after the last solve were not in that LP: zero there.
            return new LpResult(columns.Select((c, i) => (c.Pattern, i < solved.Length ? solved[i] : 0.0)).ToList(), bound, exact);
        }

        private static double Value(int[] pattern, double[] pi)
        {
            double value = 0;
            for (var t = 0; t < pattern.Length; t++)
            {
                value += pattern[t] * pi[t];
            }

            return value;
        }

        /// <summary>Cheap pricing: from each of the most valuable types, fill by value per size; patterns worth more than one bin.</summary>
        private List<int[]> Greedy(double[] pi, int[] residual)
        {
            var order = Enumerable.Range(0, stock.Types).Where(t => residual[t] > 0 && pi[t] > 1e-12)
                .OrderByDescending(t => pi[t] / stock.Size[t]).ThenByDescending(t => stock.Size[t]).ToArray();
            var found = new List<(int[] Pattern, double Value)>();
            foreach (var start in order.OrderByDescending(t => pi[t]).Take(20))
            {
                var pattern = new int[stock.Types];
                pattern[start] = 1;
                var free = stock.Capacity - stock.Size[start];
                var value = pi[start];
                foreach (var t in order)
                {
                    var more = (int)Math.Min(residual[t] - pattern[t], free / stock.Size[t]);
                    if (more > 0)
                    {
                        pattern[t] += more;
                        free -= more * stock.Size[t];
                        value += more * pi[t];
                    }
                }

                if (value > 1 + 1e-9 && !found.Any(f => PatternComparer.Instance.Equals(f.Pattern, pattern)))
                {
                    found.Add((pattern, value));
                }
            }

            return Pricing.Best(found);
        }

        /// <summary>
        /// Exact pricing: the bounded knapsack (a_t ≤ residual) by binary splitting and a 0/1 programme over capacity. Returns
        /// the best value and, best first, patterns worth more than one bin read off the table at decreasing capacities.
        /// </summary>
        private (double Value, List<int[]> Patterns) Knapsack(double[] pi, int[] residual)
        {
            var pieces = new List<(int Type, int Count)>();
            long total = 0;
            for (var t = 0; t < stock.Types; t++)
            {
                if (residual[t] <= 0 || pi[t] <= 1e-12)
                {
                    continue;
                }

                var u = (int)Math.Min(residual[t], stock.Capacity / stock.Size[t]);
                for (var k = 1; u > 0; k *= 2)
                {
                    var m = Math.Min(k, u);
                    pieces.Add((t, m));
                    total += m * stock.Size[t];
                    u -= m;
                }
            }

            var cap = (int)Math.Min(stock.Capacity, total);
            var words = (cap / 64) + 1;
            if (_dp.Length < cap + 1)
            {
                _dp = new double[cap + 1];
            }

            if (_take.Length < (long)pieces.Count * words)
            {
                _take = new ulong[pieces.Count * words];
            }

            _dp.AsSpan(0, cap + 1).Clear();
            _take.AsSpan(0, pieces.Count * words).Clear();
            for (var j = 0; j < pieces.Count; j++)
            {
                var (t, m) = pieces[j];
                Improve(_dp, _take.AsSpan(j * words, words), cap, (int)(m * stock.Size[t]), m * pi[t]);
            }

            var patterns = new List<int[]>();
            for (var at = cap; patterns.Count < Pricing.MaxNew && at >= 0 && _dp[at] > 1 + 1e-9;)
            {
                var pattern = new int[stock.Types];
                var c = at;
                for (var j = pieces.Count - 1; j >= 0; j--)
                {
                    if ((_take[(j * words) + (c >> 6)] & (1UL << (c & 63))) != 0)
                    {
                        var (t, m) = pieces[j];
                        pattern[t] += m;
                        c -= (int)(m * stock.Size[t]);
                    }
                }

                patterns.Add(pattern);
                at = (int)stock.Load(pattern) - 1;
            }

            return (_dp[cap], patterns);
        }

        /// <summary>One 0/1 piece of weight w and value v over the table, top down; four capacities at a time where the CPU allows.</summary>
        private static void Improve(double[] dp, Span<ulong> take, int cap, int w, double v)
        {
            var c = cap;
            while (c >= w && (c & 3) != 3)
            {
                Step(dp, take, c--, w, v);
            }

            if (Vector256.IsHardwareAccelerated)
            {
                var value = Vector256.Create(v);
                ref var d0 = ref MemoryMarshal.GetArrayDataReference(dp);
                for (; c - 3 >= w; c -= 4)
                {
                    // The block is loaded before it is stored, so reads overlapping it (w < 4) still see the old values.
                    var low = c - 3;
                    var old = Vector256.LoadUnsafe(ref d0, (nuint)low);
                    var candidate = Vector256.LoadUnsafe(ref d0, (nuint)(low - w)) + value;
                    var better = Vector256.GreaterThan(candidate, old).ExtractMostSignificantBits();
                    if (better != 0)
                    {
                        Vector256.Max(old, candidate).StoreUnsafe(ref d0, (nuint)low);
                        take[low >> 6] |= (ulong)better << (low & 63);
                    }
                }
            }

            for (; c >= w; c--)
            {
                Step(dp, take, c, w, v);
            }
        }

        private static void Step(double[] dp, Span<ulong> take, int c, int w, double v)
        {
            var candidate = dp[c - w] + v;
            if (candidate > dp[c])
            {
                dp[c] = candidate;
                take[c >> 6] |= 1UL << (c & 63);
            }
        }
    }
}
