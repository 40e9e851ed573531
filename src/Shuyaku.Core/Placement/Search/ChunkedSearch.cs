using Shuyaku.Core.Placement.Bounds;

namespace Shuyaku.Core.Placement.Search;

/// <summary>
/// Large problems in slices: units are dealt, largest first, round robin into slices of a few thousand, each slice is
/// solved as a problem of its own (every heuristic, host emptying, local search for the move budget, capped by a share
/// of the wall time) on hosts of its own, and the hosts are put side by side. Every rule stays per host or per pair of
/// units on one host, and slices never share a host, so the union honours every rule. Each slice ends on a part-filled
/// host; a last pass re-packs the least filled hosts of all slices together, so those tails share hosts instead of
/// costing about one host per slice.
/// </summary>
internal static class ChunkedSearch
{
    private const int SliceUnits = 1000;

    /// <summary>Share of the wall-time cap the slices get; the rest (and whatever they leave) goes to re-packing their tails.</summary>
    private const double SliceShare = 0.75;

    /// <summary>Re-packing passes over the least filled hosts, each stopping the moment one saves nothing.</summary>
    private const int TailPasses = 3;

    /// <summary>
    /// Slices must hold at least this many hosts of the best packing on average: each slice ends on a part-filled host,
    /// so slices of a few hosts (hundreds of small VMs per host) lose more than their search gains.
    /// </summary>
    public const int MinimumHostsPerSlice = 20;

    /// <summary>Whether slicing can help a packing of <paramref name="hosts"/> hosts: slices of 1,000 units would hold enough hosts each.</summary>
    public static bool Worthwhile(int units, int hosts) => (long)hosts * SliceUnits >= (long)MinimumHostsPerSlice * units;

    public static Packing? Run(Units units, int lowerBound, SolveOptions options, TimeSpan cap, StopRecord stop)
    {
        var clock = options.Clock;
        var start = clock.GetTimestamp();
        var slices = (units.Count + SliceUnits - 1) / SliceUnits;
        if (slices < 2)
        {
            return null;
        }

        var bySize = Enumerable.Range(0, units.Count).OrderByDescending(x => units.Size[x]).ThenBy(x => x).ToArray();
        var members = Enumerable.Range(0, slices).Select(_ => new List<int>()).ToArray();
        for (var r = 0; r < bySize.Length; r++)
        {
            members[r % slices].Add(bySize[r]);
        }

        var result = new Packing(units);
        for (var s = 0; s < slices; s++)
        {
            var left = (cap * SliceShare) - clock.GetElapsedTime(start);
            var solved = Solve(units, [.. members[s].Order()], options, left / (slices - s), options.Seed + s, stop);
            if (solved is null)
            {
                return null;
            }

            var offset = result.Hosts;
            for (var h = 0; h < solved.Value.Packing.Hosts; h++)
            {
                result.Open(solved.Value.Packing.LabelOf(h));
            }

            foreach (var (unit, host) in solved.Value.HostOf)
            {
                result.Place(unit, offset + host);
            }
        }

        for (var pass = 0; pass < TailPasses && result.Hosts > lowerBound; pass++)
        {
            var left = cap - clock.GetElapsedTime(start);
            var fewer = RepackLeastFilled(result, options, left / (TailPasses - pass), options.Seed + slices + pass, stop);
            if (fewer is null)
            {
                break;
            }

            result = fewer;
        }

        return result;
    }

    /// <summary>
    /// Takes the least filled hosts (by their fullest dimension) until they hold a slice's worth of units, and solves
    /// their units afresh as one problem; the packing with those hosts replaced, or null if that saves no host.
    /// Units on other hosts stay put, and the re-packed ones go only to hosts of their own, so every rule between a moved
    /// unit and one that stays (spread, max per host) still holds: they never share a host.
    /// </summary>
    private static Packing? RepackLeastFilled(Packing packing, SolveOptions options, TimeSpan budget, int seed, StopRecord stop)
    {
        var units = packing.Units;
        var cap = units.Problem.Capacity;
        var onHost = new List<int>[packing.Hosts];
        for (var h = 0; h < packing.Hosts; h++)
        {
            onHost[h] = [];
        }

        for (var x = 0; x < units.Count; x++)
        {
            onHost[packing.HostOf[x]].Add(x);
        }

        var taken = new bool[packing.Hosts];
        var chosen = new List<int>();
        var count = 0;
        foreach (var h in Enumerable.Range(0, packing.Hosts).OrderBy(h => packing.MaxFillWith(h, -1, cap)).ThenBy(h => h))
        {
            if (count + onHost[h].Count > SliceUnits)
            {
                break;
            }

            taken[h] = true;
            chosen.Add(h);
            count += onHost[h].Count;
        }

        if (chosen.Count < 2)
        {
            return null;
        }

        var moving = chosen.SelectMany(h => onHost[h]).Order().ToArray();
        var solved = Solve(units, moving, options, budget, seed, stop);
        if (solved is null || solved.Value.Packing.Hosts >= chosen.Count)
        {
            return null;
        }

        var result = new Packing(units);
        var map = new int[packing.Hosts];
        for (var h = 0; h < packing.Hosts; h++)
        {
            map[h] = taken[h] ? -1 : result.Open(packing.LabelOf(h));
        }

        for (var x = 0; x < units.Count; x++)
        {
            if (map[packing.HostOf[x]] >= 0)
            {
                result.Place(x, map[packing.HostOf[x]]);
            }
        }

        var offset = result.Hosts;
        for (var h = 0; h < solved.Value.Packing.Hosts; h++)
        {
            result.Open(solved.Value.Packing.LabelOf(h));
        }

        foreach (var (unit, host) in solved.Value.HostOf)
        {
            result.Place(unit, offset + host);
        }

        return result;
    }

    /// <summary>
    /// Solves the given units as a problem of their own: every heuristic, host emptying, then local search for the time
    /// given. Returns the packing of the sub-problem and, for each original unit, its host there; null if impossible.
    /// </summary>
    private static (Packing Packing, IEnumerable<(int Unit, int Host)> HostOf)? Solve(Units units, int[] slice, SolveOptions options, TimeSpan share, int seed, StopRecord stop)
    {
        var (sub, items) = SubProblem(units, slice);
        var subUnits = Units.Build(sub);
        if (subUnits.Impossible is not null)
        {
            return null;
        }

        Packing? best = null;
        foreach (var (_, run) in Heuristics.All(subUnits))
        {
            var packing = run(subUnits)!;
            if (best is null || packing.Hosts < best.Hosts)
            {
                best = packing;
            }
        }

        best = Heuristics.EmptyHosts(best!);
        var subBound = LowerBounds.Compute(subUnits).Value;
        if (best.Hosts > subBound)
        {
            // Each slice gets the whole move budget: the cap's share of wall time only stops a slice the budget did not.
            var searchBudget = new SearchBudget(share, options.MaxIterations, seed, options.Clock);
            best = share > TimeSpan.Zero ? LocalSearch.Improve(best, subBound, searchBudget).Best : best;
            stop.Note(share <= TimeSpan.Zero || searchBudget.ClockStopped);
        }

        // Each sub-problem unit is one original unit (gather sets never straddle slices): its first item says which.
        var packed = best;
        return (packed, Enumerable.Range(0, subUnits.Count).Select(x => (units.UnitOfItem[items[subUnits.Members[x][0]]], packed.HostOf[x])));
    }

    /// <summary>The items of the given units as a problem of their own, with the rules restricted to them, and the original index of each item.</summary>
    private static (PlacementProblem Problem, int[] Items) SubProblem(Units units, int[] slice)
    {
        var p = units.Problem;
        var items = slice.SelectMany(x => units.Members[x]).Order().ToArray();
        var index = new Dictionary<int, int>(items.Length);
        for (var i = 0; i < items.Length; i++)
        {
            index[items[i]] = i;
        }

        int[] Restrict(int[] set) => set.Where(index.ContainsKey).Select(i => index[i]).ToArray();
        var d = p.Dimensions;
        var demand = new double[items.Length * d];
        for (var i = 0; i < items.Length; i++)
        {
            Array.Copy(p.Demand, items[i] * d, demand, i * d, d);
        }

        var problem = new PlacementProblem
        {
            ItemNames = items.Select(i => p.ItemNames[i]).ToArray(),
            DimensionNames = p.DimensionNames,
            Demand = demand,
            Capacity = p.Capacity,
            FailoverCapacity = p.FailoverCapacity,
            Failures = 0,
            Spread = p.Spread.Select(Restrict).Where(s => s.Length > 1).ToArray(),
            Gather = p.Gather.Select(Restrict).Where(s => s.Length > 1).ToArray(),
            Zone = p.Zone is null ? null : items.Select(i => p.Zone[i]).ToArray(),
            ZoneNames = p.ZoneNames,
            Lonely = p.Lonely is null ? null : items.Select(i => p.Lonely[i]).ToArray(),
            Fence = p.Fence is null ? null : items.Select(i => p.Fence[i]).ToArray(),
            Ban = p.Ban is null ? null : items.Select(i => p.Ban[i]).ToArray(),
            GroupNames = p.GroupNames,
            MaxPerHost = p.MaxPerHost.Select(r => r with { Items = r.Items is null ? null : Restrict(r.Items) }).ToArray(),
            MemorySeries = p.MemorySeries is null ? null : items.Select(i => p.MemorySeries[i]).ToArray(),
        };
        return (problem, items);
    }
}
