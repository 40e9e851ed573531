namespace Shuyaku.Placement;

/// <summary>
/// Large problems in slices: units are dealt, largest first, round robin into slices of a few thousand, each slice is
/// solved as a problem of its own (every heuristic, host emptying, local search for its share of the time) on hosts of its
/// own, and the hosts are put side by side. Every rule stays per host or per pair of units on one host, and slices never
/// share a host, so the union honours every rule; slicing costs at most about one host per slice.
/// </summary>
internal static class ChunkedSearch
{
    private const int SliceUnits = 1000;

    public static Packing? Run(Units units, int lowerBound, SolveOptions options, TimeSpan budget)
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
            var left = budget - clock.GetElapsedTime(start);
            var share = left / (slices - s);
            var slice = members[s].Order().ToArray();
            var (sub, items) = SubProblem(units, slice);
            var subUnits = Units.Build(sub);
            if (subUnits.Impossible is not null)
            {
                return null;
            }

            Packing? best = null;
            foreach (var (_, run) in Heuristics.All(subUnits))
            {
                var packing = run(subUnits);
                if (best is null || packing.Hosts < best.Hosts)
                {
                    best = packing;
                }
            }

            best = Heuristics.EmptyHosts(best!);
            var subBound = LowerBounds.Compute(subUnits).Value;
            if (share > TimeSpan.Zero && best.Hosts > subBound)
            {
                var searchBudget = new SearchBudget(share, options.MaxIterations, options.Seed + s, clock);
                best = LocalSearch.Improve(best, subBound, searchBudget).Best;
            }

            // Each slice unit is one original unit (gather sets never straddle slices): its first item says which.
            var offset = result.Hosts;
            for (var h = 0; h < best.Hosts; h++)
            {
                result.Open(best.LabelOf(h));
            }

            for (var x = 0; x < subUnits.Count; x++)
            {
                result.Place(units.UnitOfItem[items[subUnits.Members[x][0]]], offset + best.HostOf[x]);
            }
        }

        return result;
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
        };
        return (problem, items);
    }
}
