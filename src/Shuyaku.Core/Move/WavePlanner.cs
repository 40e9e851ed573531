using Shuyaku.Core.Model;

namespace Shuyaku.Core.Move;

/// <summary>Groups the servers that move into migration waves (see docs/move-waves.md).</summary>
public static class WavePlanner
{
    /// <summary>
    /// The waves that move every server outside <paramref name="dataCenter"/> that hosts a workload (with all its workloads)
    /// into it. Waves carry no routes: the network plan adds them.
    /// </summary>
    public static WaveResult Plan(Estate estate, string dataCenter, WanGraph wan)
    {
        var units = WaveUnits.Build(estate, dataCenter, wan);
        var limits = estate.Migration;
        var problems = Unavoidable(units, limits, dataCenter);
        var bound = WaveBound.Compute(units, limits);
        if (units.Count == 0)
        {
            return new WaveResult([], problems, 0);
        }

        // Three fillings, each respecting limits, spread groups and dependencies; the fewest waves wins, ties going to
        // the earlier one, which keeps subnets together best.
        var bySubnet = Rank(units, all => all
            .OrderBy(u => units.Site[u], StringComparer.Ordinal).ThenBy(u => units.Subnet[u], StringComparer.Ordinal).ThenByDescending(u => units.Data[u]));
        var bySize = Rank(units, all => all.OrderByDescending(u => Size(units, limits, u)));
        WavePacking? best = null;
        foreach (var (rank, subnetFloor) in new[] { (bySubnet, true), (bySubnet, false), (bySize, false) })
        {
            var packing = Fill(units, limits, rank, subnetFloor);
            if (best is null || NonEmpty(packing) < NonEmpty(best))
            {
                best = packing;
            }
        }

        var waves = WaveLists.Build(units, best!);
        problems.AddRange(WaveLists.Leftovers(units, waves));
        return new WaveResult(waves, problems, bound.Value);
    }

    /// <summary>A unit's share of a wave: the largest of its shares of the servers, data and window limits.</summary>
    private static double Size(WaveUnits units, MigrationSettings limits, int u) =>
        Math.Max(
            Math.Max(1.0 / limits.MaxServersPerWave, limits.MaxMibPerWave is { } max ? units.Data[u] / max : 0),
            units.AloneHours(u, limits.SwitchoverHours) / limits.WindowHours);

    /// <summary>Each unit's position when units are sorted by <paramref name="sort"/>, then by name.</summary>
    private static int[] Rank(WaveUnits units, Func<IEnumerable<int>, IOrderedEnumerable<int>> sort)
    {
        var order = sort(Enumerable.Range(0, units.Count)).ThenBy(u => units.Name[u], StringComparer.Ordinal).ToArray();
        var rank = new int[units.Count];
        for (var i = 0; i < order.Length; i++)
        {
            rank[order[i]] = i;
        }

        return rank;
    }

    private static int NonEmpty(WavePacking packing) => Enumerable.Range(0, packing.WaveCount).Count(w => packing.UnitsOf(w).Count > 0);

    /// <summary>
    /// Places units in dependency order (a unit once some unit of each set it needs is placed), by rank among the ready
    /// ones; with <paramref name="subnetFloor"/> a new subnet never goes back before the last wave open when it starts.
    /// </summary>
    private static WavePacking Fill(WaveUnits units, MigrationSettings limits, int[] rank, bool subnetFloor)
    {
        var packing = new WavePacking(units, limits);
        var floor = 0;
        string? subnet = null;
        foreach (var u in DependencyOrder(units, rank))
        {
            var key = units.Site[u] + "\n" + units.Subnet[u];
            if (subnetFloor && key != subnet)
            {
                floor = Math.Max(0, packing.WaveCount - 1);
                subnet = key;
            }

            packing.Place(u, Math.Max(Earliest(units, packing, u), subnetFloor ? floor : 0));
        }

        Repair(units, packing);
        return packing;
    }

    /// <summary>The first wave <paramref name="u"/> may take: for every set it needs, the earliest wave of its placed units.</summary>
    private static int Earliest(WaveUnits units, WavePacking packing, int u)
    {
        var earliest = 0;
        foreach (var set in units.Needs[u])
        {
            var first = int.MaxValue;
            foreach (var c in set)
            {
                var w = packing.WaveOf(c);
                if (w >= 0 && w < first)
                {
                    first = w;
                }
            }

            if (first != int.MaxValue)
            {
                earliest = Math.Max(earliest, first);
            }
        }

        return earliest;
    }

    /// <summary>
    /// Units in an order where each comes after some unit of every set it needs, the lowest rank first among those ready;
    /// where needs form a cycle the lowest-ranked waiting unit goes next (the repair then moves what it must).
    /// </summary>
    private static List<int> DependencyOrder(WaveUnits units, int[] rank)
    {
        var n = units.Count;
        var waiting = new int[n];
        var satisfied = new List<bool[]>(n);
        var neededBy = new List<(int Unit, int Set)>[n];
        for (var u = 0; u < n; u++)
        {
            neededBy[u] = [];
        }

        for (var u = 0; u < n; u++)
        {
            waiting[u] = units.Needs[u].Length;
            satisfied.Add(new bool[units.Needs[u].Length]);
            for (var s = 0; s < units.Needs[u].Length; s++)
            {
                foreach (var c in units.Needs[u][s])
                {
                    neededBy[c].Add((u, s));
                }
            }
        }

        var byRank = new int[n];
        for (var u = 0; u < n; u++)
        {
            byRank[rank[u]] = u;
        }

        var ready = new PriorityQueue<int, int>();
        for (var u = 0; u < n; u++)
        {
            if (waiting[u] == 0)
            {
                ready.Enqueue(u, rank[u]);
            }
        }

        var done = new bool[n];
        var order = new List<int>(n);
        var next = 0;
        while (order.Count < n)
        {
            int u;
            if (!ready.TryDequeue(out u, out _))
            {
                while (done[byRank[next]])
                {
                    next++;
                }

                u = byRank[next];
            }

            if (done[u])
            {
                continue;
            }

            done[u] = true;
            order.Add(u);
            foreach (var (v, s) in neededBy[u])
            {
                if (!satisfied[v][s])
                {
                    satisfied[v][s] = true;
                    if (--waiting[v] == 0 && !done[v])
                    {
                        ready.Enqueue(v, rank[v]);
                    }
                }
            }
        }

        return order;
    }

    /// <summary>Moves a unit that went before everything it needs (only where needs form a cycle) later, until none does.</summary>
    private static void Repair(WaveUnits units, WavePacking packing)
    {
        for (var round = 0; round < 4 * (units.Count + 1); round++)
        {
            var moved = false;
            for (var u = 0; u < units.Count; u++)
            {
                var earliest = Earliest(units, packing, u);
                if (earliest > packing.WaveOf(u))
                {
                    packing.Remove(u);
                    packing.Place(u, earliest);
                    moved = true;
                }
            }

            if (!moved)
            {
                return;
            }
        }
    }

    /// <summary>What no wave order avoids: no route, a unit alone over a limit, a spread group on one unit, a dependency cycle.</summary>
    private static List<MoveViolation> Unavoidable(WaveUnits units, MigrationSettings limits, string dataCenter)
    {
        var problems = new List<MoveViolation>();
        for (var u = 0; u < units.Count; u++)
        {
            var what = units.Server[u] is null ? $"workload '{units.Name[u]}'" : $"server '{units.Name[u]}'";
            if (units.NoRoute[u])
            {
                problems.Add(new MoveViolation("route", $"{what} at site '{units.Site[u]}' has no path to the data centre '{dataCenter}': no link joins them, so its copy cannot be planned; add a link"));
            }

            if (limits.MaxMibPerWave is { } max && units.Data[u] > max * (1 + 1e-9))
            {
                problems.Add(new MoveViolation("wave-data", $"{what} alone holds {WaveUnits.Figure(units.Data[u])} MiB, over the {WaveUnits.Figure(max)} MiB a wave may copy"));
            }

            var alone = units.AloneHours(u, limits.SwitchoverHours);
            if (alone > limits.WindowHours * (1 + 1e-9))
            {
                problems.Add(new MoveViolation("wave-window", $"{what} alone takes {WaveUnits.Figure(alone)} h (copy {WaveUnits.Figure(alone - limits.SwitchoverHours)} h, switchover {WaveUnits.Figure(limits.SwitchoverHours)} h), over the {WaveUnits.Figure(limits.WindowHours)} h window"));
            }
        }

        foreach (var (rule, unit, members) in units.SpreadOnOneUnit)
        {
            problems.Add(new MoveViolation("wave-spread", $"spread '{rule}': {string.Join(", ", members.Select(m => $"'{m}'"))} all run on '{unit}', so the wave that moves it moves the whole group"));
        }

        var cycle = WaveLists.Unorderable(units);
        if (cycle.Count > 0)
        {
            problems.Add(new MoveViolation("wave-dependency", $"workloads {string.Join(", ", cycle.Select(w => $"'{w}'"))} need each other in a cycle: no order moves one of them first"));
        }

        return problems;
    }
}
