namespace Shuyaku.Core.Placement.Search;

/// <summary>
/// A host-at-a-time fill that mixes units heavy in one binding resource with units heavy in the other, in O(n log n).
/// When two resources bind together (CPU and the vCPU count of many small VMs, say), first fit by size fills the first
/// hosts with the largest units, which reach the CPU limit with vCPUs to spare, and the last ones with the smallest,
/// which reach the vCPU limit with CPU to spare. Here the units are sorted by their direction: their share of the first
/// binding resource's total minus their share of the second's. Each host then takes, one unit at a time, from the end of
/// that order whose resource the host has relatively more room for, room measured against what the units not yet
/// placed still need of each; so every host ends with both resources used in the proportion of what is left, and the
/// last small units top it off. Rules are kept by <see cref="Packing.CanPlace"/>: a unit a rule keeps off the host is
/// passed over, and units of different host groups and zones are filled on hosts of their own kind.
/// </summary>
internal static class BalancedFill
{
    /// <summary>Units tried from one end of the order before that end counts as having nothing that fits.</summary>
    private const int Window = 48;

    /// <summary>The second resource must need at least this share of the first's hosts (by volume) to count as binding too.</summary>
    private const double SecondBinding = 0.7;

    /// <summary>Whether two resources bind together closely enough for the balanced fill to differ from first fit.</summary>
    public static bool Applies(Units u) => BindingPair(u) is not null;

    /// <summary>The two resources with the largest total demand, when the second is at least <see cref="SecondBinding"/> of the first.</summary>
    private static (int First, int Second, double[] Volume)? BindingPair(Units u)
    {
        var cap = u.Problem.Capacity;
        var d = u.Dimensions;
        if (d < 2 || u.Demand.Any(v => v < 0))
        {
            return null;
        }

        var volume = new double[d];
        for (var x = 0; x < u.Count; x++)
        {
            for (var k = 0; k < d; k++)
            {
                volume[k] += cap[k] > 0 ? u.DemandOf(x, k) / cap[k] : 0;
            }
        }

        var byVolume = Enumerable.Range(0, d).OrderByDescending(k => volume[k]).ThenBy(k => k).ToArray();
        var (p, q) = (byVolume[0], byVolume[1]);
        return volume[q] > 0 && volume[q] >= SecondBinding * volume[p] ? (p, q, volume) : null;
    }

    /// <summary>
    /// Fills hosts to capacity, or with <paramref name="even"/> only to the average load of the fewest hosts the volume
    /// allows, plus one unit's largest demand, in each resource: the spare room of a tight packing is then spread over
    /// every host instead of left on the last ones, where N+1 needs it (a failed host's units restart in many small
    /// slots, <see cref="RestartRoom"/>). Units that no host takes within the average open hosts beyond it.
    /// </summary>
    public static Packing Run(Units u, bool even)
    {
        if (BindingPair(u) is not (var first, var second, var volume))
        {
            return Heuristics.FirstFitDecreasing(u);
        }

        var p = new Packing(u);
        var cap = even ? EvenCapacity(u, volume) : u.Problem.Capacity;
        double Share(int x, int k) => u.DemandOf(x, k) / cap[k];

        // Units of one kind (host group and zone) share hosts only with each other: each kind is filled on its own.
        var kinds = Enumerable.Range(0, u.Count)
            .GroupBy(x => (u.Fence[x], u.Zone[x]))
            .OrderBy(g => g.Key)
            .Select(g => g
                .OrderByDescending(x => (Share(x, first) / volume[first]) - (Share(x, second) / volume[second]))
                .ThenByDescending(x => u.Size[x]).ThenBy(x => x).ToArray());
        // Evenly, with one kind of unit, the fill stops at the volume's hosts; what is left then goes where the most
        // room is left, within the full capacity, so the spare room stays spread.
        var list = kinds.ToList();
        var limit = even && list.Count == 1 ? (int)Math.Max(1, Math.Ceiling(volume.Max() - 1e-9)) : int.MaxValue;
        var left = new List<int>();
        foreach (var order in list)
        {
            left.AddRange(Fill(p, order, first, second, cap, limit));
        }

        var full = u.Problem.Capacity;
        foreach (var x in left.OrderByDescending(x => u.Size[x]).ThenBy(x => x))
        {
            var target = -1;
            var least = double.MaxValue;
            for (var h = 0; h < p.Hosts; h++)
            {
                var fill = p.MaxFillWith(h, -1, full);
                if (fill < least && p.CanPlace(x, h, full))
                {
                    least = fill;
                    target = h;
                }
            }

            p.Place(x, target >= 0 ? target : p.Open(u.Fence[x]));
        }

        return p;
    }

    /// <summary>Per resource, the least of the capacity and the average load on ⌈the largest volume⌉ hosts plus the largest demand.</summary>
    private static double[] EvenCapacity(Units u, double[] volume)
    {
        var cap = u.Problem.Capacity;
        var hosts = Math.Max(1, Math.Ceiling(volume.Max() - 1e-9));
        var even = new double[cap.Length];
        for (var k = 0; k < cap.Length; k++)
        {
            var largest = 0.0;
            for (var x = 0; x < u.Count; x++)
            {
                largest = Math.Max(largest, u.DemandOf(x, k));
            }

            even[k] = Math.Min(cap[k], (volume[k] / hosts * cap[k]) + largest);
        }

        return even;
    }

    /// <summary>Fills hosts one at a time from both ends of <paramref name="order"/> (first-heavy at the front) until every unit is placed.</summary>
    /// <summary>Returns the units left when <paramref name="hostLimit"/> hosts are open and full.</summary>
    private static List<int> Fill(Packing p, int[] order, int first, int second, double[] cap, int hostLimit)
    {
        var u = p.Units;
        var n = order.Length;

        // The untaken positions as a doubly linked list, so each end and each step inwards costs O(1).
        var next = new int[n + 2];
        var prev = new int[n + 2];
        for (var i = 0; i <= n + 1; i++)
        {
            next[i] = i + 1;
            prev[i] = i - 1;
        }

        void Take(int i)
        {
            next[prev[i]] = next[i];
            prev[next[i]] = prev[i];
        }

        // Positions are 1..n; 0 and n + 1 are the sentinels at either end.
        double leftFirst = 0, leftSecond = 0;
        foreach (var x in order)
        {
            leftFirst += u.DemandOf(x, first) / cap[first];
            leftSecond += u.DemandOf(x, second) / cap[second];
        }

        var remaining = n;
        while (remaining > 0 && p.Hosts < hostLimit)
        {
            var h = p.Open(u.Fence[order[next[0] - 1]]);
            var frontDone = false;
            var backDone = false;
            while (remaining > 0 && !(frontDone && backDone))
            {
                var roomFirst = 1 - (p.LoadOf(h, first) / cap[first]);
                var roomSecond = 1 - (p.LoadOf(h, second) / cap[second]);

                // Take from the end whose resource this host has more room for, relative to what the units left need.
                var front = backDone || (!frontDone && roomFirst * Math.Max(leftSecond, 1e-12) >= roomSecond * Math.Max(leftFirst, 1e-12));
                var found = -1;
                var tries = 0;
                for (var i = front ? next[0] : prev[n + 1]; i >= 1 && i <= n && tries < Window; i = front ? next[i] : prev[i], tries++)
                {
                    if (p.CanPlace(order[i - 1], h, cap))
                    {
                        found = i;
                        break;
                    }
                }

                if (found < 0)
                {
                    frontDone |= front;
                    backDone |= !front;
                    continue;
                }

                var x = order[found - 1];
                p.Place(x, h);
                Take(found);
                remaining--;
                leftFirst -= u.DemandOf(x, first) / cap[first];
                leftSecond -= u.DemandOf(x, second) / cap[second];
            }

            if (p.CountOf(h) == 0)
            {
                // Nothing within the windows fits even an empty host (rules alone can do that): first unit left, alone.
                var i = next[0];
                p.Place(order[i - 1], h);
                Take(i);
                remaining--;
            }
        }

        var left = new List<int>(remaining);
        for (var i = next[0]; i <= n; i = next[i])
        {
            left.Add(order[i - 1]);
        }

        return left;
    }
}
