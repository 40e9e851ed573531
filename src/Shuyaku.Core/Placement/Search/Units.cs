using Shuyaku.Core.Localization;

namespace Shuyaku.Core.Placement.Search;

/// <summary>
/// Items merged along gather rules into units that always move together, with the rules re-indexed by unit.
/// Lonely units get a zone of their own, so "one zone per host" covers lonely too.
/// </summary>
internal sealed class Units
{
    private Units(PlacementProblem problem)
    {
        Problem = problem;
        Dimensions = problem.Dimensions;
    }

    public PlacementProblem Problem { get; }
    public int Dimensions { get; }
    public int Count { get; private set; }
    public int[][] Members { get; private set; } = [];
    public int[] UnitOfItem { get; private set; } = [];
    public double[] Demand { get; private set; } = [];

    /// <summary>Sum over dimensions of demand / capacity: the usual size key.</summary>
    public double[] Size { get; private set; } = [];

    public int[] Zone { get; private set; } = [];
    public int ZoneCount { get; private set; }
    public bool[] Lonely { get; private set; } = [];
    public int[] Fence { get; private set; } = [];
    public int[][] Ban { get; private set; } = [];

    /// <summary>Spread sets (as units) each unit belongs to, and the units of each spread set.</summary>
    public int[][] SpreadOf { get; private set; } = [];
    public int[][] SpreadUnits { get; private set; } = [];

    /// <summary>For max-per-host rule r, how many of its items unit u holds: [r][u].</summary>
    public int[][] RuleCount { get; private set; } = [];
    public int[] RuleLimit { get; private set; } = [];

    /// <summary>Per unit, the summed dimension-0 series of its items (time-aligned sizing), else null.</summary>
    public float[][]? Series { get; private set; }

    /// <summary>Per unit, the summed dimension-1 (memory) series of its items (time-aligned sizing with memory series), else null.</summary>
    public float[][]? MemorySeries { get; private set; }

    /// <summary>Steps a host may exceed its capacity in dimension 0 (time-aligned sizing with a step share below 1).</summary>
    public int AllowedExcessSteps { get; private set; }

    /// <summary>The per-step demand of dimension k when it is placed step by step (0: CPU series, 1: memory series), else null.</summary>
    public float[][]? StepSeries(int k) => k switch { 0 => Series, 1 => MemorySeries, _ => null };

    /// <summary>Steps a host may exceed its capacity in stepped dimension k: the step share's allowance for CPU, none for memory.</summary>
    public int ExcessSteps(int k) => k == 0 ? AllowedExcessSteps : 0;

    /// <summary>Whether some dimension is placed step by step.</summary>
    public bool Stepped => Series is not null || MemorySeries is not null;

    /// <summary>Why the problem has no placement at all (a unit that fits no empty host), or null.</summary>
    public Phrase? Impossible { get; private set; }

    /// <summary>Whether only capacity binds these units: no rule, zone, group, lonely unit or time series.</summary>
    public bool CapacityOnly =>
        !Stepped && SpreadUnits.Length == 0 && RuleLimit.Length == 0 && ZoneCount <= 1 &&
        Fence.All(f => f < 0) && Ban.All(b => b.Length == 0) && !Lonely.Any(l => l);

    public double DemandOf(int u, int d) => Demand[(u * Dimensions) + d];

    public static Units Build(PlacementProblem p)
    {
        var n = p.Items;
        var parent = Enumerable.Range(0, n).ToArray();
        int Find(int x)
        {
            while (parent[x] != x)
            {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }

            return x;
        }

        foreach (var g in p.Gather)
        {
            for (var i = 1; i < g.Length; i++)
            {
                var a = Find(g[0]);
                var b = Find(g[i]);
                if (a != b)
                {
                    parent[Math.Max(a, b)] = Math.Min(a, b);
                }
            }
        }

        var unitOfRoot = new Dictionary<int, int>();
        var unitOfItem = new int[n];
        var members = new List<List<int>>();
        for (var i = 0; i < n; i++)
        {
            var r = Find(i);
            if (!unitOfRoot.TryGetValue(r, out var u))
            {
                u = members.Count;
                unitOfRoot[r] = u;
                members.Add([]);
            }

            unitOfItem[i] = u;
            members[u].Add(i);
        }

        var units = new Units(p) { Count = members.Count, UnitOfItem = unitOfItem, Members = members.Select(m => m.ToArray()).ToArray() };
        units.Fill();
        return units;
    }

    private void Fill()
    {
        var p = Problem;
        var d = Dimensions;
        Demand = new double[Count * d];
        Size = new double[Count];
        Zone = new int[Count];
        Lonely = new bool[Count];
        Fence = new int[Count];
        Ban = new int[Count][];
        var zones = p.ZoneNames.Length;
        MemorySeries = p.MemorySeries is { Length: > 0 } memory && d > 1 ? SumPerUnit(memory) : null;
        for (var u = 0; u < Count; u++)
        {
            var bans = new SortedSet<int>();
            Fence[u] = -1;
            foreach (var i in Members[u])
            {
                for (var k = 0; k < d; k++)
                {
                    Demand[(u * d) + k] += p.DemandOf(i, k);
                }

                Zone[u] = p.ZoneOf(i);
                Lonely[u] |= p.IsLonely(i);
                if (p.FenceOf(i) >= 0)
                {
                    Fence[u] = p.FenceOf(i);
                }

                if (p.Ban is not null)
                {
                    bans.UnionWith(p.Ban[i]);
                }
            }

            Ban[u] = [.. bans];
            if (MemorySeries is not null)
            {
                // Memory of a gathered unit is the peak of its summed series, not the sum of its items' peaks.
                Demand[(u * d) + 1] = MemorySeries[u].DefaultIfEmpty(0f).Max();
            }

            if (Lonely[u])
            {
                Zone[u] = zones++;
            }

            for (var k = 0; k < d; k++)
            {
                var cap = p.Capacity[k];
                var v = DemandOf(u, k);
                Size[u] += cap > 0 ? v / cap : v > 0 ? 1e9 : 0;
                if (v > cap * (1 + 1e-9) + 1e-9 && Impossible is null)
                {
                    var names = string.Join(", ", Members[u].Select(i => p.ItemNames[i]));
                    Impossible = Texts.Phrase(Members[u].Length == 1 ? "placement.infeasible.workload" : "placement.infeasible.gathered", names, Fmt(p, k, v), p.DimensionNames[k], Fmt(p, k, cap));
                }

                var fcap = p.FailoverCapacity[k];
                if (p.Failures > 0 && v > fcap * (1 + 1e-9) + 1e-9 && Impossible is null)
                {
                    Impossible = Texts.Phrase("placement.infeasible.failover", string.Join(", ", Members[u].Select(i => p.ItemNames[i])), Fmt(p, k, v), p.DimensionNames[k], Fmt(p, k, fcap));
                }
            }
        }

        ZoneCount = zones;
        if (p.Series is { Length: > 0 } series)
        {
            var length = series[0].Length;
            Series = SumPerUnit(series);
            AllowedExcessSteps = (int)Math.Floor((1 - p.StepShare) * length + 1e-9);
        }
        var spreadOf = Enumerable.Range(0, Count).Select(_ => new List<int>()).ToArray();
        SpreadUnits = new int[p.Spread.Length][];
        for (var s = 0; s < p.Spread.Length; s++)
        {
            SpreadUnits[s] = p.Spread[s].Select(i => UnitOfItem[i]).Distinct().ToArray();
            foreach (var u in SpreadUnits[s])
            {
                spreadOf[u].Add(s);
            }
        }

        SpreadOf = spreadOf.Select(l => l.ToArray()).ToArray();
        RuleLimit = p.MaxPerHost.Select(r => r.Limit).ToArray();
        RuleCount = new int[p.MaxPerHost.Length][];
        for (var r = 0; r < p.MaxPerHost.Length; r++)
        {
            var counts = new int[Count];
            var items = p.MaxPerHost[r].Items ?? Enumerable.Range(0, p.Items).ToArray();
            foreach (var i in items)
            {
                counts[UnitOfItem[i]]++;
            }

            RuleCount[r] = counts;
        }
    }

    /// <summary>Each unit's items' rows summed step by step.</summary>
    private float[][] SumPerUnit(float[][] rows)
    {
        var length = rows[0].Length;
        var sums = new float[Count][];
        for (var u = 0; u < Count; u++)
        {
            var row = new float[length];
            foreach (var i in Members[u])
            {
                var src = rows[i];
                for (var t = 0; t < length; t++)
                {
                    row[t] += src[t];
                }
            }

            sums[u] = row;
        }

        return sums;
    }

    /// <summary>A demand with its unit when the dimension is one of the estate's resources (benchmarks have bare numbers).</summary>
    /// <summary>An amount of dimension k as the reader sees it: with its unit, vCPUs as a phrase ("8 vCPUs").</summary>
    private static object Fmt(PlacementProblem p, int k, double v)
    {
        var r = Array.IndexOf(Model.ResourceVector.Names, p.DimensionNames[k]);
        if (r < 0 || !p.DimensionNames.SequenceEqual(Model.ResourceVector.Names))
        {
            return v.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
        }

        var amount = Model.ResourceVector.Format((Model.Resource)r, v);
        return r == (int)Model.Resource.Vcpu ? Texts.Phrase("placement.amount.vcpus", amount) : amount;
    }
}
