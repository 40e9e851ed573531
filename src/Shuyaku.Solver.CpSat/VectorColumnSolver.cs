using System.Globalization;
using Google.OrTools.LinearSolver;
using Shuyaku.Core.Placement;
using Lp = Google.OrTools.LinearSolver.Solver;
using Sat = Google.OrTools.Sat;

namespace Shuyaku.Solver.CpSat;

/// <summary>
/// Vector bin packing without rules (two or more dimensions, only capacity binds) by column generation: the master LP
/// (GLOP) covers every item with host patterns, and a multi-dimensional 0/1 knapsack prices new patterns — greedily
/// first, then by a node-limited branch and bound. When the branch and bound completes, the LP value over the best
/// pattern value, rounded up, is a lower bound (Farley). Integer packings come from diving: fix the patterns the LP
/// likes, re-solve on the items left, with a few limited-discrepancy backtracks, as for one dimension.
/// </summary>
public sealed class VectorColumnSolver : IExactSolver
{
    /// <summary>Problems with more items are declined: each dive step re-solves an LP over every item left.</summary>
    public const int ItemLimit = 1000;

    /// <summary>Branch-and-bound nodes one exact pricing call may spend before it gives up proving its value.</summary>
    private const int PricingNodes = 200_000;

    private const int MaxDepth = 8;

    /// <summary>Share of the time limit the root LP may take.</summary>
    private const double RootShare = 0.5;

    private const double Eps = 1e-9;

    private readonly int _seed;
    private readonly TimeProvider _clock;
    private readonly int _pricingNodes;

    public VectorColumnSolver(int seed = 1, TimeProvider? clock = null)
        : this(seed, clock, PricingNodes)
    {
    }

    /// <summary>With a node budget for the branch and bound of pricing (tests starve it to exercise CP-SAT pricing).</summary>
    internal VectorColumnSolver(int seed, TimeProvider? clock, int pricingNodes)
    {
        _seed = seed;
        _clock = clock ?? TimeProvider.System;
        _pricingNodes = pricingNodes;
    }

    public bool Accepts(PlacementProblem problem) => Items.From(problem) is not null;

    public ExactResult Solve(PlacementProblem problem, PlacementSolution hint, int lowerBound, TimeSpan timeLimit, IProgress<string>? progress)
    {
        var items = Items.From(problem);
        if (items is null)
        {
            return new ExactResult(null, lowerBound, false, "not a vector packing without rules");
        }

        var all = Enumerable.Range(0, items.Count).ToArray();
        var bound = Math.Max(lowerBound, items.VolumeBound(all));
        if (hint.HostCount <= bound)
        {
            return new ExactResult(null, bound, hint.HostCount <= bound, $"hint meets the bound {bound}");
        }

        var search = new Search(items, _clock, timeLimit, new Random(_seed), hint.HostCount, _pricingNodes, progress);
        search.AddColumns(items.PatternsOf(hint));
        search.AddColumns(items.FirstFitDecreasing(all));
        // The root LP gets at most half the time: its last, slow iterations only sharpen a bound the dives may not need.
        var root = search.ColumnGeneration(all, exactPricing: true, timeLimit * RootShare);
        var lpBound = root is { Exact: true } ? root.Bound : 0;
        bound = Math.Max(bound, lpBound);
        if (root is not null && hint.HostCount > bound)
        {
            search.Run(root, bound);
        }

        var hosts = Math.Min(hint.HostCount, search.Best);
        var lp = lpBound > 0 ? $"LP bound {lpBound}" : "LP bound not proven";
        var dive = search.BestBins is null ? "no better" : search.Best.ToString(CultureInfo.InvariantCulture);
        var status = $"{lp}, dive {dive}";
        if (search.BestBins is not { } bins || bins.Count >= hint.HostCount)
        {
            return new ExactResult(null, bound, hint.HostCount <= bound, status);
        }

        var solution = new PlacementSolution(bins.Count, Enumerable.Repeat(-1, bins.Count).ToArray(), items.Assign(bins), "column generation");
        return new ExactResult(solution, bound, hosts <= bound, status);
    }

    /// <summary>
    /// The items that need room, as demand vectors over the dimensions any item uses, scaled so a host holds 1 in each.
    /// A pattern is the sorted array of its items' indices.
    /// </summary>
    private sealed class Items
    {
        public required int Count { get; init; }

        public required int Dimensions { get; init; }

        /// <summary>Scaled demand of item j in dimension k at [j * Dimensions + k].</summary>
        public required double[] Demand { get; init; }

        /// <summary>Sum of an item's scaled demands: its size for ordering and the surrogate bound.</summary>
        public required double[] Size { get; init; }

        /// <summary>The problem's item of each index here; items with no demand are left out and ride on the first host.</summary>
        public required int[] Original { get; init; }

        public required int ProblemItems { get; init; }

        /// <summary>
        /// Demand of item j in dimension k at [j * Dimensions + k] in whole units for CP-SAT: the problem's own numbers when
        /// they are whole, else thousandths rounded up (capacity down), so every pattern CP-SAT accepts fits.
        /// </summary>
        public required long[] WholeDemand { get; init; }

        public required long[] WholeCapacity { get; init; }

        /// <summary>Whether <see cref="WholeDemand"/> and <see cref="WholeCapacity"/> are the problem's own numbers, unrounded.</summary>
        public required bool WholeNumbers { get; init; }

        public static Items? From(PlacementProblem p)
        {
            if (!p.PlainPacking || p.Items == 0 || p.Items > ItemLimit)
            {
                return null;
            }

            var used = Enumerable.Range(0, p.Dimensions).Where(k => Enumerable.Range(0, p.Items).Any(i => Math.Abs(p.DemandOf(i, k)) >= Eps)).ToArray();
            if (used.Length < 2 || used.Any(k => p.Capacity[k] <= Eps))
            {
                return null;
            }

            var original = Enumerable.Range(0, p.Items).Where(i => used.Any(k => p.DemandOf(i, k) >= Eps)).ToArray();
            var d = used.Length;
            var demand = new double[original.Length * d];
            var size = new double[original.Length];
            static bool Whole(double v) => Math.Abs(v - Math.Round(v)) < 1e-9 && Math.Abs(v) < 1e12;
            var scale = used.Select(k => Whole(p.Capacity[k]) && original.All(i => Whole(p.DemandOf(i, k))) ? 1.0 : 1000.0).ToArray();
            var wholeCapacity = used.Select((k, at) => (long)Math.Floor((p.Capacity[k] * scale[at]) + 1e-6)).ToArray();
            var wholeDemand = new long[original.Length * d];
            for (var j = 0; j < original.Length; j++)
            {
                for (var k = 0; k < d; k++)
                {
                    var w = p.DemandOf(original[j], used[k]) / p.Capacity[used[k]];
                    if (w < -Eps || w > 1 + Eps)
                    {
                        return null;
                    }

                    demand[(j * d) + k] = Math.Max(0, w);
                    size[j] += demand[(j * d) + k];
                    wholeDemand[(j * d) + k] = Math.Max(0, (long)Math.Ceiling((p.DemandOf(original[j], used[k]) * scale[k]) - 1e-6));
                }
            }

            return new Items
            {
                Count = original.Length,
                Dimensions = d,
                Demand = demand,
                Size = size,
                Original = original,
                ProblemItems = p.Items,
                WholeDemand = wholeDemand,
                WholeCapacity = wholeCapacity,
                WholeNumbers = scale.All(f => f == 1),
            };
        }

        public int VolumeBound(IReadOnlyList<int> items)
        {
            var worst = 0.0;
            for (var k = 0; k < Dimensions; k++)
            {
                var sum = 0.0;
                foreach (var j in items)
                {
                    sum += Demand[(j * Dimensions) + k];
                }

                worst = Math.Max(worst, sum);
            }

            return (int)Math.Ceiling(worst - 1e-7);
        }

        /// <summary>Whether item j fits into the free room (per dimension) left in a host.</summary>
        public bool Fits(int j, double[] free)
        {
            var at = j * Dimensions;
            for (var k = 0; k < Dimensions; k++)
            {
                if (Demand[at + k] > free[k] + Eps)
                {
                    return false;
                }
            }

            return true;
        }

        public void Take(int j, double[] free)
        {
            var at = j * Dimensions;
            for (var k = 0; k < Dimensions; k++)
            {
                free[k] -= Demand[at + k];
            }
        }

        /// <summary>Item j's demand in its largest dimension.</summary>
        public double Largest(int j)
        {
            var largest = 0.0;
            for (var k = 0; k < Dimensions; k++)
            {
                largest = Math.Max(largest, Demand[(j * Dimensions) + k]);
            }

            return largest;
        }

        public double[] Room() => Enumerable.Repeat(1.0, Dimensions).ToArray();

        public IEnumerable<int[]> PatternsOf(PlacementSolution s)
        {
            var local = new int[ProblemItems];
            Array.Fill(local, -1);
            for (var j = 0; j < Count; j++)
            {
                local[Original[j]] = j;
            }

            var bins = new List<int>[s.HostCount];
            for (var h = 0; h < s.HostCount; h++)
            {
                bins[h] = [];
            }

            for (var i = 0; i < ProblemItems; i++)
            {
                if (local[i] >= 0 && s.HostOfItem[i] >= 0 && s.HostOfItem[i] < s.HostCount)
                {
                    bins[s.HostOfItem[i]].Add(local[i]);
                }
            }

            foreach (var bin in bins.Where(b => b.Count > 0))
            {
                var free = Room();
                if (bin.All(j =>
                    {
                        var fits = Fits(j, free);
                        Take(j, free);
                        return fits;
                    }))
                {
                    yield return [.. bin.Order()];
                }
            }
        }

        /// <summary>First fit over the items by decreasing size, as sorted patterns.</summary>
        public List<int[]> FirstFitDecreasing(IEnumerable<int> items)
        {
            var bins = new List<List<int>>();
            var free = new List<double[]>();
            foreach (var j in items.OrderByDescending(j => Size[j]).ThenBy(j => j))
            {
                var b = free.FindIndex(f => Fits(j, f));
                if (b < 0)
                {
                    b = bins.Count;
                    bins.Add([]);
                    free.Add(Room());
                }

                bins[b].Add(j);
                Take(j, free[b]);
            }

            return bins.Select(b => b.Order().ToArray()).ToList();
        }

        /// <summary>Host of each problem item for bins that cover every item once; items with no demand go to the first host.</summary>
        public int[] Assign(List<int[]> bins)
        {
            var host = new int[ProblemItems];
            for (var b = 0; b < bins.Count; b++)
            {
                foreach (var j in bins[b])
                {
                    host[Original[j]] = b;
                }
            }

            return host;
        }
    }

    private sealed class Search(
        Items items, TimeProvider clock, TimeSpan limit, Random rng, int best, int pricingNodes, IProgress<string>? progress)
    {
        private readonly long _start = clock.GetTimestamp();
        private readonly List<int[]> _pool = [];
        private readonly HashSet<int[]> _inPool = new(PatternComparer.Instance);
        private double _noise;
        private bool _preferCpSat;
        private bool _cpSatFailed;

        public int Best { get; private set; } = best;

        public List<int[]>? BestBins { get; private set; }

        private TimeSpan Left => limit - clock.GetElapsedTime(_start);

        private bool TimeUp => Left <= TimeSpan.Zero;

        public void AddColumns(IEnumerable<int[]> patterns)
        {
            foreach (var p in patterns)
            {
                if (p.Length > 0 && _inPool.Add(p))
                {
                    _pool.Add(p);
                }
            }
        }

        /// <summary>A pure dive first, then dives allowed ever more discrepancies, later ones with noise in the choice.</summary>
        public void Run(LpResult root, int target)
        {
            var all = Enumerable.Range(0, items.Count).ToArray();
            for (var round = 0; !TimeUp && Best > target; round++)
            {
                _noise = round < 4 ? 0 : 0.3;
                Dive(all, [], 0, Math.Min(round, 3), new HashSet<int[]>(PatternComparer.Instance), round == 0 ? root : null, target);
            }
        }

        private void Dive(int[] left, List<int[]> bins, int depth, int discrepancies, HashSet<int[]> tabu, LpResult? given, int target)
        {
            if (TimeUp || Best <= target)
            {
                return;
            }

            if (left.Length == 0)
            {
                Record(bins);
                return;
            }

            if (bins.Count + items.VolumeBound(left) >= Best)
            {
                return;
            }

            var ffd = items.FirstFitDecreasing(left);
            if (bins.Count + ffd.Count < Best)
            {
                Record([.. bins, .. ffd]);
            }

            var lp = given ?? ColumnGeneration(left, exactPricing: false, Left);
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
                var remaining = new HashSet<int>(left);
                var nextBins = new List<int[]>(bins);
                Fix(remaining, nextBins, candidates[b].Pattern);
                if (branches == 1)
                {
                    // Pure diving: take every pattern the LP sets (nearly) whole at once, which keeps deep dives short.
                    foreach (var (other, x, _) in candidates.Skip(1))
                    {
                        if (x >= 1 - 1e-6)
                        {
                            Fix(remaining, nextBins, other);
                        }
                    }
                }

                Dive([.. remaining.Order()], nextBins, depth + 1, discrepancies - b, siblings, null, target);
                if (TimeUp || Best <= target)
                {
                    return;
                }

                siblings.Add(candidates[b].Pattern);
            }
        }

        private double Weight(int[] pattern) => pattern.Sum(j => items.Size[j]);

        /// <summary>A pattern as a host: cut to the items left, topped up with the largest items left that still fit.</summary>
        private void Fix(HashSet<int> remaining, List<int[]> bins, int[] pattern)
        {
            var bin = new List<int>();
            var free = items.Room();
            foreach (var j in pattern)
            {
                if (remaining.Remove(j))
                {
                    bin.Add(j);
                    items.Take(j, free);
                }
            }

            if (bin.Count == 0)
            {
                return;
            }

            foreach (var j in remaining.OrderByDescending(j => items.Size[j]).ThenBy(j => j).ToList())
            {
                if (items.Fits(j, free))
                {
                    remaining.Remove(j);
                    bin.Add(j);
                    items.Take(j, free);
                }
            }

            bins.Add([.. bin.Order()]);
        }

        private void Record(List<int[]> bins)
        {
            if (bins.Count < Best)
            {
                Best = bins.Count;
                BestBins = bins;
                var seconds = clock.GetElapsedTime(_start).TotalSeconds;
                progress?.Report(string.Create(CultureInfo.InvariantCulture, $"column generation: {bins.Count} hosts, {seconds:0.0} s"));
            }
        }

        /// <summary>
        /// The master LP over the items left (each covered at least once), priced until no pattern is worth more than one
        /// host, the rounded bound cannot improve any more (Farley), or <paramref name="limit"/> is spent. Null when the LP
        /// could not be solved.
        /// Without <paramref name="exactPricing"/> (inside dives) it stops when greedy pricing finds nothing: the LP is then
        /// near, not at, its optimum, and its rounded value only guides the dive and prunes it, proving nothing.
        /// </summary>
        public LpResult? ColumnGeneration(int[] left, bool exactPricing, TimeSpan limit)
        {
            using var lp = Lp.CreateSolver("GLOP");
            if (lp is null)
            {
                return null;
            }

            var row = new int[items.Count];
            Array.Fill(row, -1);
            var rows = new Constraint[left.Length];
            for (var r = 0; r < left.Length; r++)
            {
                row[left[r]] = r;
                rows[r] = lp.MakeConstraint(1, double.PositiveInfinity, "");
            }

            var objective = lp.Objective();
            objective.SetMinimization();
            var columns = new List<(int[] Pattern, Variable Var)>();
            var seen = new HashSet<int[]>(PatternComparer.Instance);
            void Add(int[] pattern)
            {
                if (pattern.Length == 0 || !seen.Add(pattern))
                {
                    return;
                }

                var v = lp.MakeNumVar(0, double.PositiveInfinity, "");
                objective.SetCoefficient(v, 1);
                foreach (var j in pattern)
                {
                    rows[row[j]].SetCoefficient(v, 1);
                }

                columns.Add((pattern, v));
            }

            foreach (var p in _pool)
            {
                Add(p.All(j => row[j] >= 0) ? p : p.Where(j => row[j] >= 0).ToArray());
            }

            foreach (var j in left)
            {
                Add([j]);
            }

            var bound = items.VolumeBound(left);
            var exact = false;
            var pi = new double[items.Count];
            double[]? center = null;
            var centerBound = double.NegativeInfinity;
            double[] solved = [];
            var started = clock.GetTimestamp();
            while (!TimeUp && clock.GetElapsedTime(started) < limit)
            {
                lp.SetTimeLimit((long)Math.Max(1, Left.TotalMilliseconds));
                if (lp.Solve() != Lp.ResultStatus.OPTIMAL)
                {
                    return null;
                }

                // Read the values now: once columns are added, the model no longer matches this solution.
                solved = columns.Select(c => c.Var.SolutionValue()).ToArray();
                double dualValue = 0;
                foreach (var j in left)
                {
                    pi[j] = Math.Max(0, rows[row[j]].DualValue());
                    dualValue += pi[j];
                }

                var fresh = Greedy(pi, left);
                if (fresh.Count == 0 && !exactPricing)
                {
                    bound = Math.Max(bound, (int)Math.Ceiling(dualValue - 1e-6));
                    break;
                }

                if (fresh.Count == 0 && center is not null)
                {
                    // Wentges smoothing: price halfway to the duals with the best bound so far; fall back to the plain
                    // duals only when that finds nothing they price out.
                    var smooth = new double[items.Count];
                    double smoothValue = 0;
                    foreach (var j in left)
                    {
                        smooth[j] = (0.5 * center[j]) + (0.5 * pi[j]);
                        smoothValue += smooth[j];
                    }

                    var (value, proven, patterns) = Knapsack(smooth, left);
                    if (proven)
                    {
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
                    }

                    fresh = patterns.Where(p => Value(p, pi) > 1 + Eps).ToList();
                }

                if (fresh.Count == 0)
                {
                    var (value, proven, patterns) = Knapsack(pi, left);
                    if (proven)
                    {
                        var lagrangian = dualValue / Math.Max(1, value);
                        bound = Math.Max(bound, (int)Math.Ceiling(lagrangian - 1e-6));
                        if (lagrangian > centerBound)
                        {
                            (center, centerBound) = ((double[])pi.Clone(), lagrangian);
                        }

                        if (value <= 1 + Eps || bound >= (int)Math.Ceiling(dualValue - 1e-6))
                        {
                            exact = true;
                            break;
                        }
                    }

                    fresh.AddRange(patterns);
                    if (fresh.Count == 0)
                    {
                        // The branch and bound ran out of nodes without finding a better pattern: no proof, stop here.
                        break;
                    }
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
            foreach (var j in pattern)
            {
                value += pi[j];
            }

            return value;
        }

        /// <summary>
        /// Cheap pricing: from each of the most valuable items, fill by value per size (summed over the dimensions, then by
        /// the largest dimension); patterns worth more than one host.
        /// </summary>
        private List<int[]> Greedy(double[] pi, int[] left)
        {
            var priced = left.Where(j => pi[j] > 1e-12).ToArray();
            var bySum = priced.OrderByDescending(j => pi[j] / Math.Max(items.Size[j], Eps)).ThenBy(j => j).ToArray();
            var byMax = priced.OrderByDescending(j => pi[j] / Math.Max(items.Largest(j), Eps)).ThenBy(j => j).ToArray();
            var found = new List<(int[] Pattern, double Value)>();
            var seen = new HashSet<int[]>(PatternComparer.Instance);
            foreach (var first in priced.OrderByDescending(j => pi[j]).ThenBy(j => j).Take(20))
            {
                foreach (var order in (int[][])[bySum, byMax])
                {
                    var free = items.Room();
                    var pattern = new List<int> { first };
                    items.Take(first, free);
                    var value = pi[first];
                    foreach (var j in order)
                    {
                        if (j != first && items.Fits(j, free))
                        {
                            pattern.Add(j);
                            items.Take(j, free);
                            value += pi[j];
                        }
                    }

                    int[] sorted = [.. pattern.Order()];
                    if (value > 1 + Eps && seen.Add(sorted))
                    {
                        found.Add((sorted, value));
                    }
                }
            }

            return Pricing.Best(found);
        }

        private const double PiScale = 1e6;

        /// <summary>Seconds one CP-SAT pricing call may take.</summary>
        private const double CpSatPricingSeconds = 0.5;

        /// <summary>
        /// Exact pricing by CP-SAT: the 0/1 multi-dimensional knapsack over the priced items with values scaled to whole
        /// numbers. Proven when CP-SAT reports optimal on the problem's own whole-number demands (the value then allows for the
        /// rounding of the scaled values).
        /// </summary>
        private (double Value, bool Proven, List<int[]> Patterns) CpSatKnapsack(double[] pi, int[] left)
        {
            var priced = left.Where(j => pi[j] > 1e-12).ToArray();
            var model = new Sat.CpModel();
            var x = priced.Select(_ => model.NewBoolVar("")).ToArray();
            var d = items.Dimensions;
            for (var k = 0; k < d; k++)
            {
                var weights = priced.Select(j => items.WholeDemand[(j * d) + k]).ToArray();
                if (weights.Sum() > items.WholeCapacity[k])
                {
                    model.Add(Sat.LinearExpr.WeightedSum(x, weights) <= items.WholeCapacity[k]);
                }
            }

            model.Maximize(Sat.LinearExpr.WeightedSum(x, priced.Select(j => (long)Math.Round(pi[j] * PiScale))));
            var solver = new Sat.CpSolver
            {
                StringParameters = string.Create(
                    CultureInfo.InvariantCulture,
                    $"max_time_in_seconds:{Math.Clamp(Left.TotalSeconds, 0.01, CpSatPricingSeconds):0.###} num_workers:1 random_seed:1"),
            };
            var collector = new PatternCollector(priced, x, pi);
            var status = solver.Solve(model, collector);
            var best = collector.Found.Count > 0 ? collector.Found.Max(f => f.Value) : 0;
            // Optimal proves the maximum only over the problem's own whole numbers (rounded demands could exclude a pattern
            // that fits); each rounded value is off by at most half a unit, so the true maximum is within one unit per item.
            var proven = status == Sat.CpSolverStatus.Optimal && items.WholeNumbers;
            var slack = priced.Length / PiScale;
            var patterns = Pricing.Best(collector.Found.Where(f => f.Value > 1 + Eps));
            return (proven ? best + slack : best, proven, patterns);
        }

        private sealed class PatternCollector(int[] priced, Sat.BoolVar[] x, double[] pi) : Sat.CpSolverSolutionCallback
        {
            public List<(int[] Pattern, double Value)> Found { get; } = [];

            public override void OnSolutionCallback()
            {
                var pattern = priced.Where((_, i) => BooleanValue(x[i])).Order().ToArray();
                Found.Add((pattern, pattern.Sum(j => pi[j])));
            }
        }

        /// <summary>
        /// Exact pricing: a depth-first branch and bound over the priced items by value per size, bounded by the fractional
        /// knapsack on the summed room. Returns the best value, whether the search completed (so the value is the maximum),
        /// and up to ten patterns worth more than one host, best first.
        /// </summary>
        private (double Value, bool Proven, List<int[]> Patterns) Knapsack(double[] pi, int[] left)
        {
            // Many small items defeat the branch and bound, which CP-SAT then proves; a few large items in many dimensions
            // are the reverse. Whichever proved last goes first; CP-SAT is not asked again once it failed after the other.
            if (_preferCpSat)
            {
                var sat = CpSatKnapsack(pi, left);
                if (sat.Proven)
                {
                    return sat;
                }

                _preferCpSat = false;
            }

            var order = left.Where(j => pi[j] > 1e-12).OrderByDescending(j => pi[j] / Math.Max(items.Size[j], Eps)).ThenBy(j => j).ToArray();
            var pricer = new Pricer(items, order, pi, pricingNodes);
            pricer.Run();
            var found = Pricing.Best(pricer.Found);
            if (pricer.Proven)
            {
                return (pricer.BestValue, true, found);
            }

            if (_cpSatFailed)
            {
                return (pricer.BestValue, false, found);
            }

            var byCpSat = CpSatKnapsack(pi, left);
            _preferCpSat = byCpSat.Proven;
            _cpSatFailed = !byCpSat.Proven;
            return byCpSat.Proven || byCpSat.Patterns.Count > found.Count ? byCpSat : (pricer.BestValue, false, found);
        }
    }

    /// <summary>The depth-first branch and bound of exact pricing.</summary>
    private sealed class Pricer(Items items, int[] order, double[] pi, int nodeLimit)
    {
        private readonly int[] _chosen = new int[order.Length];
        private readonly double[] _free = items.Room();
        private readonly double[] _sizeBefore = Before(order, j => items.Size[j]);
        private readonly double[] _valueBefore = Before(order, j => pi[j]);
        private int _count;

        public double BestValue { get; private set; }

        public int Nodes { get; private set; }

        /// <summary>Whether the search completed within its nodes, so <see cref="BestValue"/> is the maximum.</summary>
        public bool Proven => Nodes < nodeLimit;

        public List<(int[] Pattern, double Value)> Found { get; } = [];

        public void Run() => Visit(0, 0, items.Dimensions);

        private static double[] Before(int[] order, Func<int, double> of)
        {
            var sums = new double[order.Length + 1];
            for (var i = 0; i < order.Length; i++)
            {
                sums[i + 1] = sums[i] + of(order[i]);
            }

            return sums;
        }

        private void Visit(int at, double value, double room)
        {
            if (++Nodes >= nodeLimit)
            {
                return;
            }

            if (value > BestValue + Eps)
            {
                BestValue = value;
            }

            if (value > 1 + Eps && (Found.Count < Pricing.MaxNew || value > Found.Min(f => f.Value)))
            {
                if (Found.Count == Pricing.MaxNew)
                {
                    Found.RemoveAt(Found.FindIndex(f => f.Value == Found.Min(g => g.Value)));
                }

                Found.Add(([.. _chosen.AsSpan(0, _count).ToArray().Order()], value));
            }

            // Keep the search going only where it can beat the best value, or add a pattern worth more than one host.
            var target = Math.Max(BestValue, Found.Count == Pricing.MaxNew ? Found.Min(f => f.Value) : 1);
            for (var i = at; i < order.Length; i++)
            {
                if (Nodes >= nodeLimit || value + Surrogate(i, room) <= target + Eps)
                {
                    return;
                }

                var j = order[i];
                if (!items.Fits(j, _free))
                {
                    continue;
                }

                items.Take(j, _free);
                _chosen[_count++] = j;
                Visit(i + 1, value + pi[j], room - items.Size[j]);
                _count--;
                var back = j * items.Dimensions;
                for (var k = 0; k < items.Dimensions; k++)
                {
                    _free[k] += items.Demand[back + k];
                }

                target = Math.Max(BestValue, Found.Count == Pricing.MaxNew ? Found.Min(f => f.Value) : 1);
            }
        }

        /// <summary>The fractional knapsack over items from position i on with the summed room as capacity: a valid upper bound.</summary>
        private double Surrogate(int i, double room)
        {
            // Prefix sums over the order: the whole items from i on that the room takes, then a fraction of the next.
            var limit = _sizeBefore[i] + room;
            var lo = i;
            var hi = order.Length;
            while (lo < hi)
            {
                var mid = (lo + hi + 1) / 2;
                if (_sizeBefore[mid] <= limit + Eps)
                {
                    lo = mid;
                }
                else
                {
                    hi = mid - 1;
                }
            }

            var value = _valueBefore[lo] - _valueBefore[i];
            if (lo < order.Length)
            {
                var j = order[lo];
                value += pi[j] * Math.Max(0, limit - _sizeBefore[lo]) / Math.Max(items.Size[j], Eps);
            }

            return value;
        }
    }
}
