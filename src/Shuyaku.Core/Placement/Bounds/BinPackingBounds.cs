using Shuyaku.Core.Placement.Search;
using Shuyaku.Core.Plans;

namespace Shuyaku.Core.Placement.Bounds;

/// <summary>
/// Lower bounds for packing a set of units into identical hosts of one capacity, ignoring every rule (so they hold with
/// rules too): Martello–Toth L2 on each dimension, and a set of large units that pairwise cannot share a host plus the
/// volume that does not fit beside them (the vector form of L2 at threshold zero).
/// </summary>
internal static class BinPackingBounds
{
    /// <summary>The best packing argument: its host count, reason, kind (martello-toth-l2 or incompatible-set), dimension and set of units.</summary>
    public readonly record struct Result(int Hosts, string Reason, string Kind, int Dimension, int[] Set);

    private const double Eps = 1e-9;

    /// <summary>Units beyond this skip the quadratic incompatible-set bound.</summary>
    private const int CliqueLimit = 20_000;

    public static Result Compute(Units u, IReadOnlyList<int> units, double[] capacity) => Compute(u, units, capacity, incompatibleSets: true);

    /// <summary>Martello–Toth L2 alone (no incompatible set), as <c>check</c> recomputes it for the rule arguments.</summary>
    public static int MartelloTothL2(Units u, IReadOnlyList<int> units, double[] capacity) => Compute(u, units, capacity, incompatibleSets: false).Hosts;

    private static Result Compute(Units u, IReadOnlyList<int> units, double[] capacity, bool incompatibleSets)
    {
        var best = new Result(0, "", "", -1, []);
        if (units.Count == 0)
        {
            return best;
        }

        capacity = Effective(u, units, capacity);
        var sizes = new double[units.Count];
        // Dimensions where the large-item arguments fail: a negative demand makes room for others.
        var unusable = new bool[u.Dimensions];
        foreach (var x in units)
        {
            for (var k = 0; k < u.Dimensions; k++)
            {
                unusable[k] |= u.DemandOf(x, k) < 0;
            }
        }

        // Under time-aligned sizing, a dimension placed step by step (CPU, and memory with memory series) holds each
        // series' peak, and peaks that never coincide may share a host: no argument from those sizes holds there.
        for (var k = 0; k < u.Dimensions; k++)
        {
            unusable[k] |= u.StepSeries(k) is not null;
        }

        for (var k = 0; k < u.Dimensions; k++)
        {
            if (capacity[k] <= 0 || unusable[k])
            {
                continue;
            }

            for (var j = 0; j < units.Count; j++)
            {
                sizes[j] = u.DemandOf(units[j], k) / capacity[k];
            }

            var l2 = MartelloTothL2(sizes);
            if (l2 > best.Hosts)
            {
                best = new Result(l2, BoundTexts.MartelloTothL2(u.Problem.DimensionNames[k]).English, "martello-toth-l2", k, []);
            }
        }

        if (incompatibleSets && units.Count <= CliqueLimit && !unusable.Any(n => n))
        {
            var clique = IncompatibleSet(u, units, capacity);
            if (clique.Hosts > best.Hosts)
            {
                best = clique;
            }
        }

        return best;
    }

    /// <summary>
    /// When every demand in a dimension is a whole multiple of some g, a load is too, so the usable capacity is the
    /// capacity rounded down to a multiple of g (51.2 cores of headroom hold 51 whole cores).
    /// </summary>
    private static double[] Effective(Units u, IReadOnlyList<int> units, double[] capacity)
    {
        var effective = (double[])capacity.Clone();
        for (var k = 0; k < u.Dimensions; k++)
        {
            long g = 0;
            foreach (var x in units)
            {
                var v = u.DemandOf(x, k);
                var r = Math.Round(v);
                if (Math.Abs(v - r) > 1e-9 || r > 1e15)
                {
                    g = -1;
                    break;
                }

                g = Gcd(g, Math.Abs((long)r));
            }

            if (g > 0 && capacity[k] < 1e15)
            {
                effective[k] = Math.Floor((capacity[k] / g) + 1e-9) * g;
            }
        }

        return effective;
    }

    private static long Gcd(long a, long b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }

    /// <summary>
    /// Martello–Toth L2 for sizes normalised to a capacity of 1: for each threshold K ≤ 1/2, items above 1 − K each need
    /// their own bin, items in (1/2, 1 − K] too, and items in [K, 1/2] must fit into what those leave plus new bins.
    /// </summary>
    public static int MartelloTothL2(IReadOnlyList<double> sizes)
    {
        var w = sizes.Where(s => s > Eps).Order().ToArray();
        var n = w.Length;
        if (n == 0)
        {
            return 0;
        }

        var prefix = new double[n + 1];
        for (var i = 0; i < n; i++)
        {
            prefix[i + 1] = prefix[i] + w[i];
        }

        // First index with w > x (or >= x when inclusive).
        int Above(double x, bool inclusive)
        {
            int lo = 0, hi = n;
            while (lo < hi)
            {
                var mid = (lo + hi) >>> 1;
                if (inclusive ? w[mid] >= x - Eps : w[mid] > x + Eps)
                {
                    hi = mid;
                }
                else
                {
                    lo = mid + 1;
                }
            }

            return lo;
        }

        var volume = (int)Math.Ceiling(prefix[n] - Eps);
        var best = Math.Max(1, volume);
        var half = Above(0.5, inclusive: false);
        var thresholds = new List<double> { 0 };
        for (var i = 0; i < half; i++)
        {
            if (i == 0 || w[i] > w[i - 1] + Eps)
            {
                thresholds.Add(w[i]);
            }
        }

        foreach (var k in thresholds)
        {
            var j1 = Above(1 - k, inclusive: false);
            var j3 = Above(k, inclusive: true);
            var bigCount = n - half;
            var j2Count = j1 - half;
            var j2Sum = prefix[j1] - prefix[half];
            var j3Sum = prefix[half] - prefix[j3];
            var spare = (j2Count * 1.0) - j2Sum;
            var extra = Math.Max(0, (int)Math.Ceiling(j3Sum - spare - Eps));
            best = Math.Max(best, bigCount + extra);
        }

        return best;
    }

    /// <summary>
    /// Greedily grows sets of units that pairwise exceed the capacity in some dimension (so each needs its own host),
    /// largest first under a few orders, and adds the hosts the remaining volume needs beyond the room those leave.
    /// </summary>
    private static Result IncompatibleSet(Units u, IReadOnlyList<int> units, double[] capacity)
    {
        var d = u.Dimensions;
        double Norm(int x, int k) => capacity[k] > 0 ? u.DemandOf(x, k) / capacity[k] : 0;
        var orders = new List<int[]>
        {
            units.OrderByDescending(x => Enumerable.Range(0, d).Max(k => Norm(x, k))).ThenBy(x => x).ToArray(),
            units.OrderByDescending(x => u.Size[x]).ThenBy(x => x).ToArray(),
        };
        for (var k = 0; k < d && d > 1; k++)
        {
            var kk = k;
            orders.Add(units.OrderByDescending(x => Norm(x, kk)).ThenBy(x => x).ToArray());
        }

        var total = new double[d];
        foreach (var x in units)
        {
            for (var k = 0; k < d; k++)
            {
                total[k] += Norm(x, k);
            }
        }

        var best = new Result(0, "", "", -1, []);
        foreach (var order in orders)
        {
            var set = new List<int>();
            foreach (var x in order)
            {
                var conflictsWithAll = true;
                foreach (var y in set)
                {
                    var conflict = false;
                    for (var k = 0; k < d && !conflict; k++)
                    {
                        conflict = Norm(x, k) + Norm(y, k) > 1 + Eps;
                    }

                    if (!conflict)
                    {
                        conflictsWithAll = false;
                        break;
                    }
                }

                if (conflictsWithAll)
                {
                    set.Add(x);
                }
            }

            var hosts = set.Count;
            for (var k = 0; k < d; k++)
            {
                var room = 0.0;
                var inSet = 0.0;
                foreach (var y in set)
                {
                    room += 1 - Norm(y, k);
                    inSet += Norm(y, k);
                }

                var rest = total[k] - inSet - room;
                hosts = Math.Max(hosts, set.Count + Math.Max(0, (int)Math.Ceiling(rest - Eps)));
            }

            if (hosts > best.Hosts)
            {
                best = new Result(hosts, BoundTexts.IncompatibleSet(set.Count).English, "incompatible-set", -1, [.. set]);
            }
        }

        return best;
    }
}
