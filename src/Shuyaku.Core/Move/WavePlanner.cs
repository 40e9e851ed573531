using Shuyaku.Core.Localization;
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
        var cycle = WaveLists.Unorderable(units);
        var problems = Unavoidable(units, limits, dataCenter, cycle);
        problems.AddRange(Together(units));
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
        var bundles = Bundles.Build(units);
        WavePacking? best = null;
        foreach (var (rank, subnetFloor) in new[] { (bySubnet, true), (bySubnet, false), (bySize, false) })
        {
            var packing = Fill(units, bundles, limits, rank, subnetFloor);
            if (best is null || NonEmpty(packing) < NonEmpty(best))
            {
                best = packing;
            }
        }

        // When first fit leaves a gap to the bound, spread the load evenly over fewer waves: the fewest that works, by
        // bisection between the bound and what first fit made.
        var low = Math.Max(1, bound.Value);
        var high = NonEmpty(best!) - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            if (Even(units, bundles, limits, bySize, middle) is { } even && NonEmpty(even) <= middle)
            {
                best = even;
                high = middle - 1;
            }
            else
            {
                low = middle + 1;
            }
        }

        var waves = WaveLists.Build(units, best!);
        problems.AddRange(WaveLists.Leftovers(units, waves, cycle));
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
    /// Places bundles in dependency order (a bundle once some unit of each set it needs is placed), by rank among the
    /// ready ones; with <paramref name="subnetFloor"/> a new subnet never goes back before the last wave open when it starts.
    /// </summary>
    private static WavePacking Fill(WaveUnits units, Bundles bundles, MigrationSettings limits, int[] rank, bool subnetFloor)
    {
        var packing = new WavePacking(units, limits);
        var first = Enumerable.Repeat(int.MaxValue, units.Sets.Length).ToArray();
        var floor = 0;
        string? subnet = null;
        foreach (var b in DependencyOrder(units, bundles, rank))
        {
            var lead = bundles.Members[b].MinBy(u => rank[u]);
            var key = units.Site[lead] + "\n" + units.Subnet[lead];
            if (subnetFloor && key != subnet)
            {
                floor = Math.Max(0, packing.WaveCount - 1);
                subnet = key;
            }

            var w = packing.Place(bundles.Members[b], Math.Max(Earliest(bundles, first, b), subnetFloor ? floor : 0));
            foreach (var u in bundles.Members[b])
            {
                foreach (var s in units.SetsOf[u])
                {
                    first[s] = Math.Min(first[s], w);
                }
            }
        }

        Repair(units, bundles, packing);
        return packing;
    }

    /// <summary>
    /// Places bundles in dependency order into <paramref name="waves"/> waves: what others need into the first wave that
    /// takes it (so that their needers may come early), everything else into the least full; null when one fits nowhere.
    /// </summary>
    private static WavePacking? Even(WaveUnits units, Bundles bundles, MigrationSettings limits, int[] rank, int waves)
    {
        var packing = new WavePacking(units, limits);
        var first = Enumerable.Repeat(int.MaxValue, units.Sets.Length).ToArray();
        foreach (var b in DependencyOrder(units, bundles, rank))
        {
            var members = bundles.Members[b];
            var from = Earliest(bundles, first, b);
            var w = members.Any(u => units.SetsOf[u].Length > 0) ? packing.Place(members, from) : packing.PlaceLeastFull(members, from, waves);
            if (w < 0 || w >= waves)
            {
                return null;
            }

            foreach (var u in members)
            {
                foreach (var s in units.SetsOf[u])
                {
                    first[s] = Math.Min(first[s], w);
                }
            }
        }

        Repair(units, bundles, packing);
        return packing;
    }

    /// <summary>The first wave bundle <paramref name="b"/> may take: for every set it needs, the earliest wave of its placed units.</summary>
    private static int Earliest(Bundles bundles, int[] first, int b)
    {
        var earliest = 0;
        foreach (var s in bundles.Needs[b])
        {
            if (first[s] != int.MaxValue)
            {
                earliest = Math.Max(earliest, first[s]);
            }
        }

        return earliest;
    }

    /// <summary>
    /// Bundles in an order where each comes after some unit of every set it needs, the lowest rank first among those
    /// ready; where needs form a cycle through sets of several units, the lowest-ranked waiting bundle goes next (the
    /// repair then moves what it must).
    /// </summary>
    private static List<int> DependencyOrder(WaveUnits units, Bundles bundles, int[] rank)
    {
        var n = bundles.Members.Length;
        var waiting = new int[n];
        var neededBy = new List<int>[units.Sets.Length];
        for (var s = 0; s < neededBy.Length; s++)
        {
            neededBy[s] = [];
        }

        var bundleRank = new int[n];
        for (var b = 0; b < n; b++)
        {
            bundleRank[b] = bundles.Members[b].Min(u => rank[u]);
            waiting[b] = bundles.Needs[b].Length;
            foreach (var s in bundles.Needs[b])
            {
                neededBy[s].Add(b);
            }
        }

        var byRank = Enumerable.Range(0, n).OrderBy(b => bundleRank[b]).ToArray();
        var ready = new PriorityQueue<int, int>();
        for (var b = 0; b < n; b++)
        {
            if (waiting[b] == 0)
            {
                ready.Enqueue(b, bundleRank[b]);
            }
        }

        var done = new bool[n];
        var met = new bool[units.Sets.Length];
        var order = new List<int>(n);
        var next = 0;
        while (order.Count < n)
        {
            if (!ready.TryDequeue(out var b, out _))
            {
                while (done[byRank[next]])
                {
                    next++;
                }

                b = byRank[next];
            }

            if (done[b])
            {
                continue;
            }

            done[b] = true;
            order.Add(b);
            foreach (var u in bundles.Members[b])
            {
                foreach (var s in units.SetsOf[u].Where(s => !met[s]))
                {
                    met[s] = true;
                    foreach (var v in neededBy[s])
                    {
                        if (--waiting[v] == 0 && !done[v])
                        {
                            ready.Enqueue(v, bundleRank[v]);
                        }
                    }
                }
            }
        }

        return order;
    }

    /// <summary>Moves a bundle that went before everything it needs (only where needs form a cycle) later, a bounded number of rounds.</summary>
    private static void Repair(WaveUnits units, Bundles bundles, WavePacking packing)
    {
        for (var round = 0; round < 50; round++)
        {
            var first = units.Sets.Select(set => set.Min(packing.WaveOf)).ToArray();
            var moved = false;
            for (var b = 0; b < bundles.Members.Length; b++)
            {
                var earliest = Earliest(bundles, first, b);
                if (earliest > packing.WaveOf(bundles.Members[b][0]))
                {
                    foreach (var u in bundles.Members[b])
                    {
                        packing.Remove(u);
                    }

                    packing.Place(bundles.Members[b], earliest);
                    foreach (var u in bundles.Members[b])
                    {
                        foreach (var s in units.SetsOf[u])
                        {
                            first[s] = units.Sets[s].Min(packing.WaveOf);
                        }
                    }

                    moved = true;
                }
            }

            if (!moved)
            {
                return;
            }
        }
    }

    /// <summary>Units that needs force into one wave (each needs the next through a set of that one unit alone, round a cycle).</summary>
    /// <param name="Members">Each bundle's units.</param>
    /// <param name="Needs">Each bundle's sets (indices into the units' sets) needed outside it.</param>
    /// <param name="Of">Each unit's bundle.</param>
    private sealed record Bundles(int[][] Members, int[][] Needs, int[] Of)
    {
        public static Bundles Build(WaveUnits units)
        {
            var edges = units.Needs.Select(sets => sets.Where(s => units.Sets[s].Length == 1).Select(s => units.Sets[s][0]).ToList()).ToList();
            var of = UnitComponents.Of(edges, out var count);
            var members = new List<int>[count];
            for (var b = 0; b < count; b++)
            {
                members[b] = [];
            }

            for (var u = 0; u < units.Count; u++)
            {
                members[of[u]].Add(u);
            }

            var needs = members.Select((list, b) => list.Count == 1
                ? units.Needs[list[0]]
                : list.SelectMany(u => units.Needs[u]).Distinct().Where(s => !units.Sets[s].Any(c => of[c] == b)).ToArray()).ToArray();
            return new Bundles(members.Select(l => l.ToArray()).ToArray(), needs, of);
        }
    }

    /// <summary>Spread groups whose units needs force into one wave.</summary>
    private static IEnumerable<MoveViolation> Together(WaveUnits units)
    {
        var of = Bundles.Build(units).Of;
        foreach (var (rule, members) in units.Spread.Where(g => g.Units.All(u => of[u] == of[g.Units[0]])))
        {
            yield return new MoveViolation("wave-spread", Texts.Phrase("move.v.spread-cycle", rule, string.Join(", ", members.Select(u => $"'{units.Name[u]}'"))).English);
        }
    }

    /// <summary>What no wave order avoids: no route, a unit alone over a limit, a spread group on one unit, a dependency cycle.</summary>
    private static List<MoveViolation> Unavoidable(WaveUnits units, MigrationSettings limits, string dataCenter, List<string> cycle)
    {
        var problems = new List<MoveViolation>();
        for (var u = 0; u < units.Count; u++)
        {
            var what = units.Server[u] is null ? "workload" : "server";
            if (units.NoRoute[u])
            {
                problems.Add(new MoveViolation("route", Texts.Phrase($"move.v.{what}-unplannable", units.Name[u], units.Site[u], dataCenter).English));
            }

            if (limits.MaxMibPerWave is { } max && units.Data[u] > max * (1 + 1e-9))
            {
                problems.Add(new MoveViolation("wave-data", Texts.Phrase($"move.v.{what}-too-big", units.Name[u], WaveUnits.Figure(units.Data[u]), WaveUnits.Figure(max)).English));
            }

            var alone = units.AloneHours(u, limits.SwitchoverHours);
            if (alone > limits.WindowHours * (1 + 1e-9))
            {
                problems.Add(new MoveViolation("wave-window", Texts.Phrase($"move.v.{what}-too-long", units.Name[u], WaveUnits.Figure(alone), WaveUnits.Figure(alone - limits.SwitchoverHours), WaveUnits.Figure(limits.SwitchoverHours), WaveUnits.Figure(limits.WindowHours)).English));
            }
        }

        foreach (var (rule, unit, members) in units.SpreadOnOneUnit)
        {
            problems.Add(new MoveViolation("wave-spread", Texts.Phrase("move.v.spread-one-unit", rule, string.Join(", ", members.Select(m => $"'{m}'")), unit).English));
        }

        if (cycle.Count > 0)
        {
            problems.Add(new MoveViolation("wave-dependency", Texts.Phrase("move.v.dependency-cycle", string.Join(", ", cycle.Select(w => $"'{w}'"))).English));
        }

        return problems;
    }
}
