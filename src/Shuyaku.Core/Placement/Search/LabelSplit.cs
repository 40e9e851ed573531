namespace Shuyaku.Core.Placement.Search;

/// <summary>
/// Prepares a packing for idle spares. A unit bound to one host label (fenced to a group, or banned from every group) restarts
/// only on a host of that label running its zone, or on an idle one. When the bound units of a label and zone sit on
/// fewer than k + 1 hosts of that label, k failures can take all of those hosts, and an idle spare of that label is needed
/// beside the spares of the other labels. Here another host of that zone whose units all allow the label takes it, and
/// part of the bound units move there (each by a move or by a swap with an unbound unit, within the normal capacity and
/// every rule), so that the label's other hosts keep room for a failed one's bound units. The host count does not change.
/// </summary>
internal static class LabelSplit
{
    /// <summary>A copy of the packing with labels split as above, or null when nothing changed (or the estate has no host groups).</summary>
    public static Packing? Spread(Packing best, int k) => Spread(best, k, k + 1);

    /// <summary>
    /// As <see cref="Spread(Packing, int)"/>, but to <paramref name="hosts"/> loaded hosts of the label per zone instead of
    /// k + 1: with s idle spares of a label, k failures that take s of them leave k − s for the label's loaded hosts, so
    /// k + 1 − s hosts of it per zone let a failed one's bound units restart on another of the zone.
    /// </summary>
    public static Packing? Spread(Packing best, int k, int hosts)
    {
        var u = best.Units;
        var groups = u.Problem.GroupNames.Length;
        if (groups == 0 || k <= 0)
        {
            return null;
        }

        var p = best.Clone();
        var changed = false;
        for (var label = -1; label < groups; label++)
        {
            for (var z = 0; z < u.ZoneCount; z++)
            {
                var bound = Enumerable.Range(0, u.Count).Where(x => u.Zone[x] == z && OnlyLabel(u, x, groups) == label && p.HostOf[x] >= 0).ToList();
                if (bound.Count == 0)
                {
                    continue;
                }

                while (HostsOf(p, label, z).Count < hosts && Relabel(p, label, z, hosts, groups) is { } target)
                {
                    Balance(p, bound, label, z, target);
                    changed = true;
                }
            }
        }

        return changed ? p : null;
    }

    /// <summary>The one label a unit may run on: its group when fenced, -1 (no group) when banned from every group; -2 when it has several.</summary>
    internal static int OnlyLabel(Units u, int x, int groups)
    {
        if (u.Fence[x] >= 0)
        {
            return u.Fence[x];
        }

        return u.Ban[x].Where(g => g >= 0).Distinct().Count() == groups ? -1 : -2;
    }

    /// <summary>The loaded hosts of the label that run the zone.</summary>
    internal static List<int> HostsOf(Packing p, int label, int zone) =>
        [.. Enumerable.Range(0, p.Hosts).Where(h => p.LabelOf(h) == label && p.ZoneOf(h) == zone && p.CountOf(h) > 0)];

    /// <summary>
    /// Gives the label to the least filled loaded host of the zone whose units all allow it, unless that would leave its own
    /// label fewer than <paramref name="hosts"/> hosts in the zone where that label has bound units; returns the host, or null
    /// when none qualifies.
    /// </summary>
    private static int? Relabel(Packing p, int label, int zone, int hosts, int groups)
    {
        var u = p.Units;
        var cap = u.Problem.Capacity;
        var best = -1;
        var bestFill = double.MaxValue;
        for (var h = 0; h < p.Hosts; h++)
        {
            if (p.LabelOf(h) == label || p.ZoneOf(h) != zone || p.CountOf(h) == 0)
            {
                continue;
            }

            var units = Enumerable.Range(0, u.Count).Where(x => p.HostOf[x] == h).ToList();
            if (!units.All(x => p.LabelAllows(x, label)))
            {
                continue;
            }

            var old = p.LabelOf(h);
            var oldNeeded = Enumerable.Range(0, u.Count).Any(x => u.Zone[x] == zone && OnlyLabel(u, x, groups) == old);
            if (oldNeeded && HostsOf(p, old, zone).Count <= hosts)
            {
                continue;
            }

            var fill = p.Fill(h, cap) + ((double)p.CountOf(h) / u.Count);
            if (fill < bestFill)
            {
                bestFill = fill;
                best = h;
            }
        }

        if (best < 0)
        {
            return null;
        }

        p.Relabel(best, label);
        return best;
    }

    /// <summary>Moves bound units from the label's host with the most of them to the target while it has at least two more.</summary>
    private static void Balance(Packing p, List<int> bound, int label, int zone, int target)
    {
        var u = p.Units;
        var cap = u.Problem.Capacity;
        for (var round = 0; round < bound.Count; round++)
        {
            var counts = HostsOf(p, label, zone).ToDictionary(h => h, h => bound.Count(x => p.HostOf[x] == h));
            var source = counts.OrderByDescending(e => e.Value).ThenBy(e => e.Key).First().Key;
            if (source == target || counts[source] <= counts[target] + 1)
            {
                return;
            }

            var moved = false;
            foreach (var x in bound.Where(x => p.HostOf[x] == source).OrderByDescending(x => u.Size[x]).ThenBy(x => x))
            {
                if (MoveOrSwap(p, x, source, target, bound, cap))
                {
                    moved = true;
                    break;
                }
            }

            if (!moved)
            {
                return;
            }
        }
    }

    /// <summary>Moves x to the target, or swaps it with an unbound unit of the target; leaves the packing as it was when neither fits.</summary>
    internal static bool MoveOrSwap(Packing p, int x, int source, int target, List<int> bound, double[] cap)
    {
        var u = p.Units;
        p.Remove(x);
        if (p.CanPlace(x, target, cap))
        {
            p.Place(x, target);
            return true;
        }

        foreach (var y in Enumerable.Range(0, u.Count).Where(y => p.HostOf[y] == target && !bound.Contains(y)).OrderBy(y => u.Size[y]).ThenBy(y => y))
        {
            p.Remove(y);
            if (p.CanPlace(x, target, cap))
            {
                p.Place(x, target);
                if (p.CanPlace(y, source, cap))
                {
                    p.Place(y, source);
                    return true;
                }

                p.Remove(x);
            }

            p.Place(y, target);
        }

        p.Place(x, source);
        return false;
    }
}
