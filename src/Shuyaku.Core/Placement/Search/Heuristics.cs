namespace Shuyaku.Core.Placement.Search;

/// <summary>Constructive heuristics for the placement problem; each returns a complete packing.</summary>
internal static class Heuristics
{
    /// <summary>Problems with more units than this skip the quadratic heuristics (bin-centric, best fit, host emptying).</summary>
    public const int BinCentricLimit = 6000;

    /// <summary>
    /// Every heuristic that applies, cheapest first. <paramref name="expired"/> (null: never) is the wall-time cap: the
    /// heuristics quadratic in the units check it as they go and give up (return null) once it says so.
    /// </summary>
    public static IEnumerable<(string Name, Func<Units, Packing?> Run)> All(Units units, Func<bool>? expired = null)
    {
        var stop = expired ?? (() => false);
        yield return ("first-fit decreasing (sum)", u => ItemCentric(u, SortBy(u, Key.Sum), bestFit: false));
        yield return ("first-fit decreasing (max)", u => ItemCentric(u, SortBy(u, Key.Max), bestFit: false));
        if (units.Count <= BinCentricLimit)
        {
            yield return ("best-fit decreasing (sum)", u => ItemCentric(u, SortBy(u, Key.Sum), bestFit: true, stop));
            yield return ("best-fit decreasing (max)", u => ItemCentric(u, SortBy(u, Key.Max), bestFit: true, stop));
        }

        yield return ("first-fit decreasing (constrained first)", u => ItemCentric(u, SortBy(u, Key.ConstrainedFirst), bestFit: false));
        if (BalancedFill.Applies(units))
        {
            // Evenly first: on a tie it is kept, and its room spread over every host is what N+1 needs.
            yield return ("balanced fill, even (two binding resources)", u => BalancedFill.Run(u, even: true));
            yield return ("balanced fill (two binding resources)", u => BalancedFill.Run(u, even: false));
        }

        if (units.Count <= BinCentricLimit)
        {
            yield return ("dot product", u => BinCentric(u, dotProduct: true, stop));
            yield return ("L2 norm", u => BinCentric(u, dotProduct: false, stop));
            yield return ("minimum bin slack", u => MinimumBinSlack(u, stop));
            if (KeepsHostsFillable(units))
            {
                yield return ("first-fit decreasing (keeping hosts fillable)", u => FillableFirstFit(u, stop));
            }
        }
    }

    /// <summary>Dimensions within this share of the fullest one (by total demand over capacity) count as binding.</summary>
    private const double BindingShare = 0.95;

    private static bool KeepsHostsFillable(Units u) =>
        u.Dimensions > 1 && !u.Stepped && !u.Demand.Any(v => v < 0);

    /// <summary>
    /// First-fit decreasing that refuses a host when the unit would strand room in a binding dimension. Room a host has
    /// left in dimension k can only be filled by units still to come, and each of those adds at most its demand in j
    /// divided by the smallest ratio d_j / d_k among them; so the room left in j caps what k can still take, and the
    /// rest of k's room is lost for sure. Plain first fit happily puts two memory-heavy VMs on one host and strands its
    /// cores, while the estate as a whole runs out of cores: the host is skipped unless the loss does not grow.
    /// </summary>
    public static Packing? FillableFirstFit(Units u, Func<bool>? expired = null)
    {
        var cap = u.Problem.Capacity;
        var d = u.Dimensions;
        var order = SortBy(u, Key.Sum);
        var n = order.Length;

        // Smallest ratio d_j / d_k over the units from each position of the order on (infinity: no unit takes k).
        var ratio = new double[(n + 1) * d * d];
        Array.Fill(ratio, double.PositiveInfinity, n * d * d, d * d);
        for (var i = n - 1; i >= 0; i--)
        {
            for (var j = 0; j < d; j++)
            {
                for (var k = 0; k < d; k++)
                {
                    var dk = u.DemandOf(order[i], k);
                    var own = dk > 0 ? u.DemandOf(order[i], j) / dk : double.PositiveInfinity;
                    ratio[(((i * d) + j) * d) + k] = Math.Min(ratio[((((i + 1) * d) + j) * d) + k], own);
                }
            }
        }

        var volume = new double[d];
        for (var x = 0; x < u.Count; x++)
        {
            for (var k = 0; k < d; k++)
            {
                volume[k] += cap[k] > 0 ? u.DemandOf(x, k) / cap[k] : 0;
            }
        }

        var binding = volume.Select(v => v > 0 && v >= BindingShare * volume.Max()).ToArray();
        var room = new double[d];

        // Share of capacity in binding dimensions that the units after position `next` cannot fill, given the room left.
        double Stranded(int next)
        {
            var lost = 0.0;
            for (var k = 0; k < d; k++)
            {
                if (!binding[k])
                {
                    continue;
                }

                var fillable = room[k];
                for (var j = 0; j < d; j++)
                {
                    var r = ratio[(((next * d) + j) * d) + k];
                    if (j != k && r > 0 && !double.IsPositiveInfinity(r))
                    {
                        fillable = Math.Min(fillable, Math.Max(0, room[j]) / r);
                    }
                }

                lost += (room[k] - fillable) / cap[k];
            }

            return lost;
        }

        var p = new Packing(u);
        for (var i = 0; i < n; i++)
        {
            if ((i & 255) == 255 && expired is not null && expired())
            {
                return null;
            }

            var x = order[i];
            var chosen = -1;
            for (var h = 0; h < p.Hosts && chosen < 0; h++)
            {
                if (!p.CanPlace(x, h, cap))
                {
                    continue;
                }

                for (var k = 0; k < d; k++)
                {
                    room[k] = cap[k] - p.LoadOf(h, k);
                }

                var before = Stranded(i + 1);
                for (var k = 0; k < d; k++)
                {
                    room[k] -= u.DemandOf(x, k);
                }

                if (Stranded(i + 1) <= before + 1e-9)
                {
                    chosen = h;
                }
            }

            if (chosen < 0)
            {
                chosen = p.Open(u.Fence[x]);
            }

            p.Place(x, chosen);
        }

        return p;
    }

    /// <summary>Checks (candidate tries) one host's subset search may spend in <see cref="MinimumBinSlack"/>.</summary>
    private const int SlackSearchChecks = 20_000;

    /// <summary>
    /// Minimum bin slack (Gupta and Ho; the largest-item-first variant of Fleszar and Hindi): one host at a time, the
    /// largest unit left opens it and a depth-first search over the others, largest first, picks the subset that leaves
    /// the least slack (the largest sum of fills), stopping at a perfect fit or after a fixed number of tries. It finds
    /// the exact complements that first fit misses on tight instances (triplets, perfect packings).
    /// </summary>
    public static Packing? MinimumBinSlack(Units u, Func<bool>? expired = null)
    {
        var p = new Packing(u);
        var left = SortBy(u, Key.Sum).ToList();
        while (left.Count > 0)
        {
            if (expired is not null && expired())
            {
                return null;
            }

            var h = p.Open(u.Fence[left[0]]);
            p.Place(left[0], h);
            FillWithLeastSlack(p, h, left, SlackSearchChecks);
        }

        return p;
    }

    /// <summary>
    /// Host <paramref name="h"/> already runs <c>left[0]</c>: adds the subset of the other units of
    /// <paramref name="left"/> (searched depth first in their order) that leaves the least slack, stopping at a perfect
    /// fit or after <paramref name="maxChecks"/> tries, and removes what the host now runs from <paramref name="left"/>.
    /// </summary>
    public static void FillWithLeastSlack(Packing p, int h, List<int> left, int maxChecks)
    {
        var u = p.Units;
        var cap = u.Problem.Capacity;
        var full = Enumerable.Range(0, u.Dimensions).Count(k => cap[k] > 0);
        var chosen = new List<int>();
        var best = new List<int>();
        var bestFill = p.Fill(h, cap);
        var checks = 0;

        void Search(int start)
        {
            var previous = -1;
            for (var i = start; i < left.Count; i++)
            {
                if (checks++ > maxChecks || bestFill >= full - 1e-9)
                {
                    return;
                }

                var x = left[i];

                // A unit equal to the one just tried at this depth leads to the same subsets.
                if (previous >= 0 && SameDemand(u, x, previous))
                {
                    continue;
                }

                if (!p.CanPlace(x, h, cap))
                {
                    continue;
                }

                previous = x;
                p.Place(x, h);
                chosen.Add(x);
                var fill = p.Fill(h, cap);
                if (fill > bestFill + 1e-12)
                {
                    bestFill = fill;
                    best = [.. chosen];
                }

                Search(i + 1);
                chosen.RemoveAt(chosen.Count - 1);
                p.Remove(x);
            }
        }

        Search(1);
        foreach (var x in best)
        {
            p.Place(x, h);
        }

        var taken = new HashSet<int>(best) { left[0] };
        left.RemoveAll(taken.Contains);
    }

    private static bool SameDemand(Units u, int a, int b)
    {
        for (var k = 0; k < u.Dimensions; k++)
        {
            if (u.DemandOf(a, k) != u.DemandOf(b, k))
            {
                return false;
            }
        }

        return u.Fence[a] == u.Fence[b] && u.Zone[a] == u.Zone[b] && u.SpreadOf[a].Length == 0 && u.SpreadOf[b].Length == 0;
    }

    public static Packing FirstFitDecreasing(Units u) => ItemCentric(u, SortBy(u, Key.Sum), bestFit: false)!;

    private enum Key
    {
        Sum,
        Max,
        ConstrainedFirst,
    }

    private static int[] SortBy(Units u, Key key)
    {
        var cap = u.Problem.Capacity;
        double Max(int x)
        {
            var m = 0.0;
            for (var k = 0; k < u.Dimensions; k++)
            {
                m = Math.Max(m, cap[k] > 0 ? u.DemandOf(x, k) / cap[k] : 0);
            }

            return m;
        }

        var order = Enumerable.Range(0, u.Count);
        return key switch
        {
            Key.Sum => order.OrderByDescending(x => u.Size[x]).ThenBy(x => x).ToArray(),
            Key.Max => order.OrderByDescending(Max).ThenByDescending(x => u.Size[x]).ThenBy(x => x).ToArray(),
            _ => order.OrderByDescending(x => u.Lonely[x] ? 2 : u.Fence[x] >= 0 ? 1 : 0)
                .ThenByDescending(x => u.SpreadOf[x].Sum(s => u.SpreadUnits[s].Length))
                .ThenByDescending(x => u.Size[x]).ThenBy(x => x).ToArray(),
        };
    }

    /// <summary>Places units in the given order on the first (or the fullest) host that takes them, opening hosts as needed.</summary>
    public static Packing? ItemCentric(Units u, int[] order, bool bestFit, Func<bool>? expired = null)
    {
        var p = new Packing(u);
        var cap = u.Problem.Capacity;
        if (!bestFit)
        {
            // Same choice as the scan below, found through the tree.
            var tree = new FirstFitTree(p, cap);
            foreach (var x in order)
            {
                var h = tree.Find(x);
                if (h < 0)
                {
                    h = p.Open(u.Fence[x]);
                }

                p.Place(x, h);
                tree.Update(h);
            }

            return p;
        }

        var placed = 0;
        foreach (var x in order)
        {
            if ((++placed & 255) == 0 && expired is not null && expired())
            {
                return null;
            }

            var chosen = -1;
            var bestScore = double.MinValue;
            for (var h = 0; h < p.Hosts; h++)
            {
                if (!p.CanPlace(x, h, cap))
                {
                    continue;
                }

                if (!bestFit)
                {
                    chosen = h;
                    break;
                }

                var score = p.Fill(h, cap);
                if (score > bestScore + 1e-12)
                {
                    bestScore = score;
                    chosen = h;
                }
            }

            if (chosen < 0)
            {
                chosen = p.Open(u.Fence[x]);
            }

            p.Place(x, chosen);
        }

        return p;
    }

    /// <summary>
    /// Fills one host at a time with the unit that best matches what is left on it: the largest dot product of demand and
    /// residual capacity (Panigrahy et al.), or the smallest distance between them (L2 norm).
    /// </summary>
    public static Packing? BinCentric(Units u, bool dotProduct, Func<bool>? expired = null)
    {
        var p = new Packing(u);
        var cap = u.Problem.Capacity;
        var d = u.Dimensions;
        var left = new SortedSet<int>(Enumerable.Range(0, u.Count));
        var byRank = Enumerable.Range(0, u.Count).OrderByDescending(x => u.Size[x]).ThenBy(x => x).ToArray();
        while (left.Count > 0)
        {
            if (expired is not null && expired())
            {
                return null;
            }

            // The largest remaining unit opens the host, so its label and zone set the host's kind.
            var first = byRank[left.Min];
            var h = p.Open(u.Fence[first]);
            p.Place(first, h);
            left.Remove(left.Min);
            while (true)
            {
                var best = -1;
                var bestScore = double.MinValue;
                foreach (var rank in left)
                {
                    var x = byRank[rank];
                    if (!p.CanPlace(x, h, cap))
                    {
                        continue;
                    }

                    var score = 0.0;
                    for (var k = 0; k < d; k++)
                    {
                        if (cap[k] <= 0)
                        {
                            continue;
                        }

                        var residual = (cap[k] - p.LoadOf(h, k)) / cap[k];
                        var demand = u.DemandOf(x, k) / cap[k];
                        score += dotProduct ? residual * demand : -((residual - demand) * (residual - demand));
                    }

                    if (score > bestScore + 1e-12)
                    {
                        bestScore = score;
                        best = rank;
                    }
                }

                if (best < 0)
                {
                    break;
                }

                p.Place(byRank[best], h);
                left.Remove(best);
            }
        }

        return p;
    }

    /// <summary>
    /// Tries to empty hosts, least filled first, by moving their units to other hosts (best fit, largest first).
    /// Returns a compacted packing with no more hosts than before.
    /// </summary>
    public static Packing EmptyHosts(Packing packing, int maxRounds = 3)
    {
        if (packing.Units.Count > BinCentricLimit)
        {
            // Quadratic in hosts; at this size local search does the emptying within its time limit.
            return packing.Compact();
        }

        var u = packing.Units;
        var cap = u.Problem.Capacity;
        var p = packing.Clone();
        for (var round = 0; round < maxRounds; round++)
        {
            var improved = false;
            var hosts = Enumerable.Range(0, p.Hosts).Where(h => p.CountOf(h) > 0).OrderBy(h => p.Fill(h, cap)).ThenBy(h => h).ToList();
            foreach (var h in hosts)
            {
                if (p.CountOf(h) == 0)
                {
                    continue;
                }

                var moving = Enumerable.Range(0, u.Count).Where(x => p.HostOf[x] == h).OrderByDescending(x => u.Size[x]).ThenBy(x => x).ToList();
                var moved = new List<int>();
                foreach (var x in moving)
                {
                    p.Remove(x);
                    var target = -1;
                    var bestFill = double.MinValue;
                    for (var g = 0; g < p.Hosts; g++)
                    {
                        if (g == h || p.CountOf(g) == 0 || !p.CanPlace(x, g, cap))
                        {
                            continue;
                        }

                        var f = p.Fill(g, cap);
                        if (f > bestFill)
                        {
                            bestFill = f;
                            target = g;
                        }
                    }

                    if (target < 0)
                    {
                        p.Place(x, h);
                        break;
                    }

                    p.Place(x, target);
                    moved.Add(x);
                }

                if (p.CountOf(h) == 0)
                {
                    improved = true;
                }
                else
                {
                    // Put back what moved so the host is as it was.
                    foreach (var x in moved)
                    {
                        p.Remove(x);
                        p.Place(x, h);
                    }
                }
            }

            if (!improved)
            {
                break;
            }
        }

        return p.Compact();
    }
}
