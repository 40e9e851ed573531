using Shuyaku.Core.Placement;

namespace Shuyaku.Solver.CpSat;

/// <summary>The problem as item types (sizes largest first) with demands, over the one dimension items use.</summary>
internal sealed class Stock
{
    /// <summary>The pricing table holds one bit per piece and capacity unit; beyond this many bits the problem is declined.</summary>
    private const long TableBitLimit = 1L << 28;

    public required long Capacity { get; init; }

    public required long[] Size { get; init; }

    public required int[] Demand { get; init; }

    public required int[][] ItemsOfType { get; init; }

    public required int[] TypeOfItem { get; init; }

    public int Types => Size.Length;

    /// <summary>The problem as stock, or null when it is not a one-dimensional packing without rules within the limits.</summary>
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
        if (!Whole(capacity) || capacity < 1 || capacity > CuttingStockSolver.CapacityLimit)
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
