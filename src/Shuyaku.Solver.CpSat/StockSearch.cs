using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Google.OrTools.LinearSolver;
using Shuyaku.Core.Placement;

namespace Shuyaku.Solver.CpSat;

/// <summary>
/// Column generation for cutting stock: what is left is the residual demand per item type, a pattern counts pieces per
/// type, and a bounded knapsack over the capacity prices new patterns exactly (so every LP is solved to optimality and
/// the root LP serves every round of dives).
/// </summary>
internal sealed class StockSearch(Stock stock, ExactBudget budget, Random rng, int best, IProgress<string>? progress)
    : ColumnSearch(budget, rng, best, progress)
{
    private double[] _dp = [];
    private ulong[] _take = [];

    protected override bool RootReused => true;

    protected override int[] Everything => stock.Demand;

    protected override int DualCount => stock.Types;

    protected override bool Covered(int[] residual) => residual.All(r => r == 0);

    protected override int VolumeBound(int[] residual) => stock.VolumeBound(residual);

    protected override List<int[]> FirstFitDecreasing(int[] residual) => stock.FirstFitDecreasing(residual);

    protected override IEnumerable<int[]> PatternsOf(PlacementSolution plan) => stock.PatternsOf(plan);

    protected override int[] Assign(List<int[]> bins) => stock.Assign(bins);

    protected override double Weight(int[] pattern) => stock.Load(pattern);

    /// <summary>The chosen pattern as many times as the LP takes it whole (once at least), then the others' whole parts.</summary>
    protected override int[] Fix(int[] residual, List<int[]> bins, int[] pattern, double x, IEnumerable<(int[] Pattern, double X)> wholeToo)
    {
        var next = (int[])residual.Clone();
        Fix(next, bins, pattern, Math.Max(1, (int)Math.Floor(x + 1e-6)));
        foreach (var (other, ox) in wholeToo)
        {
            Fix(next, bins, other, (int)Math.Floor(ox + 1e-6));
        }

        return next;
    }

    protected override IEnumerable<(int Index, double Demand)> Rows(int[] residual)
    {
        for (var t = 0; t < stock.Types; t++)
        {
            if (residual[t] > 0)
            {
                yield return (t, residual[t]);
            }
        }
    }

    protected override IEnumerable<(int Row, int Count)> Entries(int[] pattern)
    {
        for (var t = 0; t < pattern.Length; t++)
        {
            if (pattern[t] > 0)
            {
                yield return (t, pattern[t]);
            }
        }
    }

    protected override void SetCoefficients(Constraint?[] rows, Variable column, int[] pattern)
    {
        for (var t = 0; t < stock.Types; t++)
        {
            if (pattern[t] > 0)
            {
                rows[t]!.SetCoefficient(column, pattern[t]);
            }
        }
    }

    protected override IEnumerable<int[]> FirstColumns(IReadOnlyList<int[]> pool, int[] residual)
    {
        foreach (var p in pool)
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
                yield return clipped;
            }
        }

        for (var t = 0; t < stock.Types; t++)
        {
            if (residual[t] > 0)
            {
                var single = new int[stock.Types];
                single[t] = (int)Math.Min(residual[t], stock.Capacity / stock.Size[t]);
                yield return single;
            }
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

    protected override double Value(int[] pattern, double[] pi)
    {
        double value = 0;
        for (var t = 0; t < pattern.Length; t++)
        {
            value += pattern[t] * pi[t];
        }

        return value;
    }

    /// <summary>Cheap pricing: from each of the most valuable types, fill by value per size; patterns worth more than one bin.</summary>
    protected override List<int[]> Greedy(double[] pi, int[] residual)
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
    /// the best value and, best first, patterns worth more than one bin read off the table at decreasing capacities. The
    /// table is always complete, so <paramref name="useful"/> is not needed.
    /// </summary>
    protected override Priced Knapsack(double[] pi, int[] residual, double useful)
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

        return new Priced(_dp[cap], true, patterns);
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
