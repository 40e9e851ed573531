using Shuyaku.Core.Placement.Search;
using Shuyaku.Core.Plans;

namespace Shuyaku.Core.Placement.Bounds;

/// <summary>One argument for a minimum host count, with the count it proves and what it rests on (as plan.json records it).</summary>
/// <param name="Reason">The argument, in words.</param>
/// <param name="Hosts">The host count it proves.</param>
/// <param name="Kind">Which argument (see <see cref="PlanBoundPart.Kind"/>); null when it cannot be recomputed.</param>
/// <param name="Resource">The resource of a volume or Martello–Toth L2 argument.</param>
/// <param name="Failures">The k of an n+k argument.</param>
/// <param name="Workloads">For incompatible-set: one workload of each unit of the set.</param>
/// <param name="Zones">For zones and n+k: the argument deciding each zone's share.</param>
public sealed record BoundPart(
    string Reason, int Hosts, string? Kind = null, string? Resource = null, int? Failures = null, IReadOnlyList<string>? Workloads = null, IReadOnlyList<PlanBoundZone>? Zones = null);

/// <summary>A proven minimum number of hosts, with the arguments behind it; <see cref="Value"/> is the largest.</summary>
/// <param name="Value">Hosts no placement can do with fewer of.</param>
/// <param name="Parts">Every argument with its host count.</param>
public sealed record LowerBound(int Value, IReadOnlyList<BoundPart> Parts)
{
    /// <summary>The argument that proves the most hosts.</summary>
    public BoundPart Deciding => Parts.OrderByDescending(p => p.Hosts).First();
}

/// <summary>
/// Lower bounds on the host count that hold for every placement: hosts never mix zones, so zones add up; within a zone
/// the volume per dimension, the largest spread set and max-per-host rules each force a number of hosts; after k failures
/// the survivors alone must hold everything within the failover capacity.
/// </summary>
internal static class LowerBounds
{
    public static LowerBound Compute(Units u)
    {
        var p = u.Problem;
        var parts = new List<BoundPart>();
        var zones = u.ZoneCount;
        var volume = new double[zones, u.Dimensions];
        var used = new bool[zones];
        for (var x = 0; x < u.Count; x++)
        {
            used[u.Zone[x]] = true;
            for (var k = 0; k < u.Dimensions; k++)
            {
                volume[u.Zone[x], k] += u.DemandOf(x, k);
            }
        }

        for (var k = 0; k < u.Dimensions; k++)
        {
            if (u.StepSeries(k) is not { } series)
            {
                continue;
            }

            // Time-aligned: at every step the hosts of a zone hold that zone's summed demand, so the zone needs at least
            // its highest step sum. With a share of steps allowed to exceed (CPU only), no such bound holds: k is left out.
            var length = series.Length == 0 ? 0 : series[0].Length;
            var sums = new double[zones, length];
            for (var x = 0; x < u.Count; x++)
            {
                for (var t = 0; t < length; t++)
                {
                    sums[u.Zone[x], t] += series[x][t];
                }
            }

            for (var z = 0; z < zones; z++)
            {
                var peak = 0.0;
                for (var t = 0; t < length && u.ExcessSteps(k) == 0; t++)
                {
                    peak = Math.Max(peak, sums[z, t]);
                }

                volume[z, k] = peak;
            }
        }

        var spreadInZone = new int[zones];
        foreach (var set in u.SpreadUnits)
        {
            foreach (var g in set.GroupBy(x => u.Zone[x]))
            {
                spreadInZone[g.Key] = Math.Max(spreadInZone[g.Key], g.Count());
            }
        }

        var ruleInZone = new int[zones];
        for (var r = 0; r < u.RuleLimit.Length; r++)
        {
            var perZone = new int[zones];
            for (var x = 0; x < u.Count; x++)
            {
                perZone[u.Zone[x]] += u.RuleCount[r][x];
            }

            for (var z = 0; z < zones; z++)
            {
                ruleInZone[z] = Math.Max(ruleInZone[z], Ceil(perZone[z], u.RuleLimit[r]));
            }
        }

        var unitsInZone = Enumerable.Range(0, zones).Select(_ => new List<int>()).ToArray();
        for (var x = 0; x < u.Count; x++)
        {
            unitsInZone[u.Zone[x]].Add(x);
        }

        (int Total, List<PlanBoundZone> Zones) ZoneSum(double[] capacity)
        {
            var total = 0;
            var decided = new List<PlanBoundZone>();
            for (var z = 0; z < zones; z++)
            {
                if (!used[z])
                {
                    continue;
                }

                var name = ZoneName(u, z, unitsInZone[z]);
                var why = new PlanBoundZone(name, 1, "one");
                for (var k = 0; k < u.Dimensions; k++)
                {
                    if (Ceil(volume[z, k], capacity[k]) > why.Hosts)
                    {
                        why = new PlanBoundZone(name, Ceil(volume[z, k], capacity[k]), "volume", p.DimensionNames[k]);
                    }
                }

                if (spreadInZone[z] > why.Hosts)
                {
                    why = new PlanBoundZone(name, spreadInZone[z], "largest-spread-group");
                }

                if (ruleInZone[z] > why.Hosts)
                {
                    why = new PlanBoundZone(name, ruleInZone[z], "max-per-host");
                }

                var packing = BinPackingBounds.Compute(u, unitsInZone[z], capacity);
                if (packing.Hosts > why.Hosts)
                {
                    why = new PlanBoundZone(name, packing.Hosts, packing.Kind, packing.Dimension >= 0 ? p.DimensionNames[packing.Dimension] : null,
                        packing.Set.Length > 0 ? [.. packing.Set.Select(x => p.ItemNames[u.Members[x][0]])] : null);
                }

                decided.Add(why);
                total += why.Hosts;
            }

            return (total, decided);
        }

        for (var k = 0; k < u.Dimensions; k++)
        {
            var sum = 0.0;
            for (var z = 0; z < zones; z++)
            {
                sum += volume[z, k];
            }

            if (u.StepSeries(k) is { } all)
            {
                // The whole estate's highest step sum, not the sum of the zones' highest.
                sum = 0;
                for (var t = 0; t < (all.Length == 0 ? 0 : all[0].Length) && u.ExcessSteps(k) == 0; t++)
                {
                    var step = 0.0;
                    for (var x = 0; x < u.Count; x++)
                    {
                        step += all[x][t];
                    }

                    sum = Math.Max(sum, step);
                }
            }

            parts.Add(new BoundPart(BoundTexts.Volume(p.DimensionNames[k]).English, Math.Max(u.Count > 0 ? 1 : 0, Ceil(sum, p.Capacity[k])), "volume", p.DimensionNames[k]));
        }

        if (u.Count > 0)
        {
            var packing = BinPackingBounds.Compute(u, Enumerable.Range(0, u.Count).ToArray(), p.Capacity);
            parts.Add(new BoundPart(packing.Reason, packing.Hosts, packing.Kind, packing.Dimension >= 0 ? p.DimensionNames[packing.Dimension] : null,
                Workloads: packing.Set.Length > 0 ? [.. packing.Set.Select(x => p.ItemNames[u.Members[x][0]])] : null));
        }

        var largestSpread = u.SpreadUnits.Length == 0 ? 0 : u.SpreadUnits.Max(s => s.Length);
        if (largestSpread > 0)
        {
            parts.Add(new BoundPart(BoundTexts.LargestSpreadGroup.English, largestSpread, "largest-spread-group"));
        }

        var zoneCount = used.Count(b => b);
        if (zoneCount > 1)
        {
            var (hosts, perZone) = ZoneSum(p.Capacity);
            parts.Add(new BoundPart(BoundTexts.Zones(zoneCount).English, hosts, "zones", Zones: perZone));
        }

        if (p.Failures > 0)
        {
            var (survivors, perZone) = ZoneSum(p.FailoverCapacity);
            parts.Add(new BoundPart(BoundTexts.NPlusK(p.Failures).English, p.Failures + survivors,
                "n+k", Failures: p.Failures, Zones: perZone));
            // Listed only where it proves more than the plain N+k argument, so estates without such rules read as before.
            var proven = p.Failures + survivors;
            var table = ZoneNeeds.Build(u);
            if (RuleBounds.Compute(u, table) is { } byRules && byRules.Hosts > proven)
            {
                parts.Add(byRules);
                proven = byRules.Hosts;
            }

            // Listed only where it proves more than both.
            if (SpareBounds.Compute(u, table, proven) is { } bySpares)
            {
                parts.Add(bySpares);
                proven = bySpares.Hosts;
            }

            // The spare counts with free slots under max-per-host rules: listed only where they prove more than all three.
            if (SlotBounds.Compute(u, table, proven) is { } bySlots)
            {
                parts.Add(bySlots);
            }
        }

        if (parts.Count == 0)
        {
            parts.Add(new BoundPart(BoundTexts.NoWorkloads.English, 0, "none"));
        }

        return new LowerBound(parts.Max(b => b.Hosts), parts);
    }

    /// <summary>A zone's name in plan.json: the isolation zone, "(none)" for unzoned workloads, "lonely ID" for a lonely unit.</summary>
    private static string ZoneName(Units u, int z, List<int> units)
    {
        var p = u.Problem;
        var first = units[0];
        if (u.Lonely[first])
        {
            return "lonely " + p.ItemNames[u.Members[first][0]];
        }

        var zone = p.ZoneNames.Length > z ? p.ZoneNames[z] : "";
        return zone.Length == 0 ? "(none)" : zone;
    }

    private static int Ceil(double a, double b)
    {
        if (a <= 1e-9)
        {
            return 0;
        }

        if (b <= 0)
        {
            return int.MaxValue / 4;
        }

        return (int)Math.Ceiling((a / b) - 1e-9);
    }
}
