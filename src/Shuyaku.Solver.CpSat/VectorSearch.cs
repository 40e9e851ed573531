using System.Globalization;
using Google.OrTools.LinearSolver;
using Shuyaku.Core.Placement;
using Sat = Google.OrTools.Sat;

namespace Shuyaku.Solver.CpSat;

/// <summary>
/// Column generation for vector packing: what is left is the sorted indices of the items left, a pattern is the sorted
/// indices of one host's items, and a multi-dimensional 0/1 knapsack prices new patterns — greedily first, then by a
/// node-limited branch and bound or CP-SAT. Only the root LP is priced exactly; inside dives greedy pricing suffices.
/// </summary>
internal sealed class VectorSearch(
    VectorItems items, int pricingNodes, ExactBudget budget, Random rng, int best, IProgress<string>? progress)
    : ColumnSearch(budget, rng, best, progress)
{
    /// <summary>
    /// Share of the LP solves (and of the wall-time cap) the root LP may take: its last, slow iterations only sharpen a
    /// bound the dives may not need.
    /// </summary>
    private const double RootShare = 0.5;

    private const double Eps = 1e-9;

    private const double PiScale = 1e6;

    /// <summary>Deterministic time (about seconds) one CP-SAT pricing call may take.</summary>
    private const double CpSatPricingWork = 0.5;

    private bool _preferCpSat;
    private bool _cpSatFailed;

    protected override TimeSpan RootCap => Budget.Cap * RootShare;

    protected override long RootSolves => (long)(Budget.LpSolves * RootShare);

    protected override bool ExactPricingInDives => false;

    /// <summary>
    /// After the four dives without noise (the pure dive and up to three discrepancies): the integer programme's CP-SAT
    /// work (40% of <see cref="ExactBudget.CpSatWork"/>) costs as much time as many dives, and right after the first dive
    /// it left the discrepancy dives, which find most vector packings at the optimum, no time before the cap (vbp New
    /// class1 and class4 lost 8 instances each; docs/benchmarks.md, "The vbp regression").
    /// </summary>
    protected override int FirstIntegerRound => 3;

    protected override int[] Everything => Enumerable.Range(0, items.Count).ToArray();

    protected override int DualCount => items.Count;

    protected override bool Covered(int[] left) => left.Length == 0;

    protected override int VolumeBound(int[] left) => items.VolumeBound(left);

    protected override List<int[]> FirstFitDecreasing(int[] left) => items.FirstFitDecreasing(left);

    protected override IEnumerable<int[]> PatternsOf(PlacementSolution plan) => items.PatternsOf(plan);

    protected override int[] Assign(List<int[]> bins) => items.Assign(bins);

    protected override double Weight(int[] pattern) => pattern.Sum(j => items.Size[j]);

    /// <summary>The chosen pattern once, then the others the LP sets (nearly) whole, each once.</summary>
    protected override int[] Fix(int[] left, List<int[]> bins, int[] pattern, double x, IEnumerable<(int[] Pattern, double X)> wholeToo)
    {
        var remaining = new HashSet<int>(left);
        Fix(remaining, bins, pattern);
        foreach (var (other, ox) in wholeToo)
        {
            if (ox >= 1 - 1e-6)
            {
                Fix(remaining, bins, other);
            }
        }

        return [.. remaining.Order()];
    }

    /// <summary>Each item left covered at least once.</summary>
    protected override IEnumerable<(int Index, double Demand)> Rows(int[] left) => left.Select(j => (j, 1.0));

    protected override IEnumerable<(int Row, int Count)> Entries(int[] pattern) => pattern.Select(j => (j, 1));

    protected override void SetCoefficients(Constraint?[] rows, Variable column, int[] pattern)
    {
        foreach (var j in pattern)
        {
            rows[j]!.SetCoefficient(column, 1);
        }
    }

    protected override IEnumerable<int[]> FirstColumns(IReadOnlyList<int[]> pool, int[] left)
    {
        var isLeft = new bool[items.Count];
        foreach (var j in left)
        {
            isLeft[j] = true;
        }

        foreach (var p in pool)
        {
            yield return p.All(j => isLeft[j]) ? p : p.Where(j => isLeft[j]).ToArray();
        }

        foreach (var j in left)
        {
            yield return [j];
        }
    }

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

    protected override double Value(int[] pattern, double[] pi)
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
    protected override List<int[]> Greedy(double[] pi, int[] left)
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

    /// <summary>
    /// Exact pricing by CP-SAT: the 0/1 multi-dimensional knapsack over the priced items with values scaled to whole
    /// numbers. Proven when CP-SAT reports optimal on the problem's own whole-number demands (the value then allows for the
    /// rounding of the scaled values).
    /// </summary>
    private Priced CpSatKnapsack(double[] pi, int[] left)
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
                $"max_deterministic_time:{CpSatPricingWork:0.###} max_time_in_seconds:{Math.Max(0.01, Left.TotalSeconds):0.###} num_workers:1 random_seed:1"),
        };
        var collector = new PatternCollector(priced, x, pi);
        var status = solver.Solve(model, collector);
        if (status != Sat.CpSolverStatus.Optimal)
        {
            // Records the clock's stop when the cap, not the deterministic limit, ended the call.
            CapPassed(Start, Budget.Cap);
        }
        var best = collector.Found.Count > 0 ? collector.Found.Max(f => f.Value) : 0;
        // Optimal proves the maximum only over the problem's own whole numbers (rounded demands could exclude a pattern
        // that fits); each rounded value is off by at most half a unit, so the true maximum is within one unit per item.
        var proven = status == Sat.CpSolverStatus.Optimal && items.WholeNumbers;
        var slack = priced.Length / PiScale;
        var patterns = Pricing.Best(collector.Found.Where(f => f.Value > 1 + Eps));
        return new Priced(proven ? best + slack : best, proven, patterns);
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
    /// Exact pricing: the branch and bound of <see cref="KnapsackPricer"/> over the priced items, or CP-SAT when that runs out
    /// of nodes. Returns an upper bound on every pattern's value (proven when the search ended within its node limit) and up
    /// to <see cref="Pricing.MaxNew"/> patterns worth more than one host, best first.
    /// </summary>
    protected override Priced Knapsack(double[] pi, int[] left, double useful)
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

        var pricer = new KnapsackPricer(items.Dimensions, items.Demand, pi, left, [], pricingNodes, KnapsackPricer.EnoughNodes, Pricing.MaxNew, useful);
        pricer.Run();
        var found = Pricing.Best(pricer.Found.Select(f => (f.Units, f.Value)));
        if (pricer.Proven)
        {
            return new Priced(pricer.UpperBound, true, found);
        }

        if (_cpSatFailed)
        {
            return new Priced(pricer.BestValue, false, found);
        }

        var byCpSat = CpSatKnapsack(pi, left);
        _preferCpSat = byCpSat.Proven;
        _cpSatFailed = !byCpSat.Proven;
        return byCpSat.Proven || byCpSat.Patterns.Count > found.Count ? byCpSat : new Priced(pricer.BestValue, false, found);
    }
}
