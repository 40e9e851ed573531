namespace Shuyaku.Solver.CpSat;

/// <summary>
/// A large neighbourhood search that empties the least filled host of a packing: each step takes that host and a few
/// others, and CP-SAT re-packs their items exactly onto the same hosts so that as little as possible (by summed size)
/// stays on the host to empty. A step never makes that host fuller; when it empties it, the packing has one host fewer.
/// Meant for packings one host above a bound the LP has proven, where the dives left the slack spread over many hosts.
/// </summary>
internal sealed partial class HostRepack
{
    /// <summary>Hosts re-packed together in the first steps, and at most.</summary>
    private const int FirstHosts = 3;

    private const int MostHosts = 12;

    /// <summary>Steps without a lighter host to empty before one more host joins each step.</summary>
    private const int Patience = 4;

    /// <summary>Every this many steps one is exact (<see cref="ExactStep"/>).</summary>
    private const int ExactEvery = 50;

    /// <summary>The host to empty is drawn from this many of the lightest.</summary>
    private const int Candidates = 3;

    /// <summary>Depth-first nodes per step.</summary>
    private const int StepNodes = 5_000;

    /// <summary>Weight scale: an item's summed size in thousandths, plus one so every item counts.</summary>
    private const double Scale = 1000;

    private readonly VectorItems _items;
    private readonly Random _random;
    private readonly long[] _weight;

    private readonly IReadOnlyList<int[]> _pool;

    /// <summary>The pool patterns (their indices) that hold each item.</summary>
    private readonly List<int>[] _byItem;

    private HostRepack(VectorItems items, IReadOnlyList<int[]> pool, int seed)
    {
        _pool = pool;
        _byItem = new List<int>[items.Count];
        for (var j = 0; j < items.Count; j++)
        {
            _byItem[j] = [];
        }

        for (var p = 0; p < pool.Count; p++)
        {
            foreach (var j in pool[p])
            {
                _byItem[j].Add(p);
            }
        }

        _items = items;
        _random = new Random(seed);
        _weight = items.Size.Select(s => (long)Math.Round(s * Scale) + 1).ToArray();
    }

    /// <summary>Steps taken by the last search.</summary>
    public int Steps { get; private set; }

    /// <summary>
    /// A packing on fewer hosts than <paramref name="bins"/> (patterns of <paramref name="items"/>), found within
    /// <paramref name="steps"/> steps and <paramref name="cap"/>, stopping at <paramref name="target"/> hosts; null when none is found.
    /// </summary>
    public static List<int[]>? Improve(
        VectorItems items, IReadOnlyList<int[]> bins, IReadOnlyList<int[]> pool, int target, int steps, TimeSpan cap, TimeProvider clock, int seed)
    {
        var search = new HostRepack(items, pool, seed);
        return search.Run(bins.Select(b => b.ToList()).ToList(), target, steps, cap, clock);
    }

    private List<int[]>? Run(List<List<int>> bins, int target, int steps, TimeSpan cap, TimeProvider clock)
    {
        var start = clock.GetTimestamp();
        var first = bins.Count;
        var size = FirstHosts;
        var stale = 0;
        var exactSteps = 0;
        while (bins.Count > target && bins.Count > 1 && Steps < steps && clock.GetElapsedTime(start) < cap)
        {
            Steps++;
            var empty = Lightest(bins, _random.Next(Candidates));
            var before = Load(bins[empty]);
            var chosen = Choose(bins, empty, Math.Min(size, bins.Count));
            if (Steps % ExactEvery == 0)
            {
                exactSteps++;
                if (ExactStep(bins, empty, cap - clock.GetElapsedTime(start), clock))
                {
                    size = FirstHosts;
                    stale = 0;
                }

                continue;
            }

            var repacked = Repack(bins, chosen);
            if (repacked is not null)
            {
                for (var c = 0; c < chosen.Length; c++)
                {
                    bins[chosen[c]] = repacked[c];
                }
            }

            if (repacked is not null && bins[empty].Count == 0)
            {
                bins.RemoveAt(empty);
                size = FirstHosts;
                stale = 0;
            }
            else if (repacked is not null && Load(bins[empty]) < before)
            {
                stale = 0;
            }
            else if (++stale >= Patience)
            {
                // One more host per step, back to the fewest after the most.
                size = size >= MostHosts ? FirstHosts : size + 1;
                stale = 0;
            }
        }

        if (Environment.GetEnvironmentVariable("REPACK_DEBUG") is not null)
        {
            Console.Error.WriteLine($"repack: {first} -> {bins.Count} target {target} steps {Steps} exact {exactSteps} size {size} lightest {Load(bins[Lightest(bins)])} items {bins[Lightest(bins)].Count} in {clock.GetElapsedTime(start).TotalSeconds:0.000}s");
        }

        return bins.Count < first ? bins.Select(b => b.Order().ToArray()).ToList() : null;
    }

    private long Load(List<int> bin) => bin.Sum(j => _weight[j]);

    /// <summary>The <paramref name="rank"/>-th lightest host (0 the lightest).</summary>
    private int Lightest(List<List<int>> bins, int rank)
    {
        var order = Enumerable.Range(0, bins.Count).OrderBy(b => Load(bins[b])).ThenBy(b => b).ToArray();
        return order[Math.Min(rank, order.Length - 1)];
    }

    private int Lightest(List<List<int>> bins)
    {
        var best = 0;
        for (var b = 1; b < bins.Count; b++)
        {
            if (Load(bins[b]) < Load(bins[best]))
            {
                best = b;
            }
        }

        return best;
    }

    /// <summary>The host to empty first, then others drawn at random, each with odds growing with its free room.</summary>
    private int[] Choose(List<List<int>> bins, int empty, int count)
    {
        var chosen = new List<int> { empty };
        var odds = new double[bins.Count];
        for (var b = 0; b < bins.Count; b++)
        {
            var used = bins[b].Sum(j => _items.Size[j]);
            odds[b] = b == empty ? 0 : Math.Max(0.05, _items.Dimensions - used);
        }

        while (chosen.Count < count)
        {
            var total = odds.Sum();
            var draw = _random.NextDouble() * total;
            var pick = 0;
            while (pick < odds.Length - 1 && (draw -= odds[pick]) > 0)
            {
                pick++;
            }

            if (odds[pick] <= 0)
            {
                pick = Array.FindIndex(odds, o => o > 0);
            }

            chosen.Add(pick);
            odds[pick] = 0;
        }

        return [.. chosen];
    }

    /// <summary>
    /// The items of the chosen hosts on the same hosts (the first chosen to be emptied) with less weight left on the
    /// first than now, or null when the depth-first search finds none within <see cref="StepNodes"/> nodes: units by
    /// decreasing weight, each tried on the other hosts it fits (from a random one on, a host loaded exactly like one
    /// tried before skipped) before the host to empty; a branch is cut once the weight on the host to empty reaches the best.
    /// </summary>
    private List<int>[]? Repack(List<List<int>> bins, int[] chosen)
    {
        var d = _items.Dimensions;
        var units = chosen.SelectMany(b => bins[b]).OrderByDescending(j => _weight[j]).ThenBy(j => j).ToArray();
        var hosts = chosen.Length;
        var free = new double[hosts][];
        for (var h = 0; h < hosts; h++)
        {
            free[h] = _items.Room();
        }

        var at = new int[units.Length];
        var bestAt = (int[]?)null;
        var best = Load(bins[chosen[0]]);
        var nodes = 0;
        var offset = hosts > 1 ? _random.Next(hosts - 1) : 0;

        void Dfs(int u, long stay)
        {
            if (stay > best || (stay == best && bestAt is not null) || nodes >= StepNodes)
            {
                return;
            }

            if (u == units.Length)
            {
                // The first packing as heavy as now is kept as a sideways move, in case none is lighter.
                bestAt = (int[])at.Clone();
                best = stay;
                return;
            }

            nodes++;
            var j = units[u];
            for (var t = 0; t < hosts; t++)
            {
                // The other hosts first, from a random one on; the host to empty last.
                var h = t < hosts - 1 ? 1 + ((t + offset) % (hosts - 1)) : 0;
                if (!_items.Fits(j, free[h]) || (h != 0 && SameAsEarlier(free, h, t, offset, hosts, d)))
                {
                    continue;
                }

                _items.Take(j, free[h]);
                at[u] = h;
                Dfs(u + 1, h == 0 ? stay + _weight[j] : stay);
                for (var k = 0; k < d; k++)
                {
                    free[h][k] += _items.Demand[(j * d) + k];
                }

                if (best == 0 || nodes >= StepNodes)
                {
                    return;
                }
            }
        }

        Dfs(0, 0);
        if (bestAt is null)
        {
            return null;
        }

        var result = new List<int>[hosts];
        for (var h = 0; h < hosts; h++)
        {
            result[h] = [];
        }

        for (var u = 0; u < units.Length; u++)
        {
            result[bestAt[u]].Add(units[u]);
        }

        return result;
    }

    /// <summary>Whether another host tried before <paramref name="h"/> in this order has exactly its room left.</summary>
    private static bool SameAsEarlier(double[][] free, int h, int t, int offset, int hosts, int d)
    {
        for (var s = 0; s < t; s++)
        {
            var e = 1 + ((s + offset) % (hosts - 1));
            var same = true;
            for (var k = 0; k < d && same; k++)
            {
                same = Math.Abs(free[e][k] - free[h][k]) < 1e-12;
            }

            if (same)
            {
                return true;
            }
        }

        return false;
    }
}
