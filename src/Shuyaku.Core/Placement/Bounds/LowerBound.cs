using Shuyaku.Core.Placement.Search;

namespace Shuyaku.Core.Placement.Bounds;

/// <summary>One argument for a minimum host count, with the count it proves.</summary>
/// <param name="Reason">The argument, in words.</param>
/// <param name="Hosts">The host count it proves.</param>
public sealed record BoundPart(string Reason, int Hosts);

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

        if (u.Series is { } series)
        {
            // Time-aligned: at every step the hosts of a zone hold that zone's summed demand, so the zone needs at least
            // its highest step sum. With a share of steps allowed to exceed, no such bound holds: dimension 0 is left out.
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
                for (var t = 0; t < length && u.AllowedExcessSteps == 0; t++)
                {
                    peak = Math.Max(peak, sums[z, t]);
                }

                volume[z, 0] = peak;
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

        int ZoneSum(double[] capacity, bool withRules)
        {
            var total = 0;
            for (var z = 0; z < zones; z++)
            {
                if (!used[z])
                {
                    continue;
                }

                var need = 1;
                for (var k = 0; k < u.Dimensions; k++)
                {
                    need = Math.Max(need, Ceil(volume[z, k], capacity[k]));
                }

                if (withRules)
                {
                    need = Math.Max(need, Math.Max(spreadInZone[z], ruleInZone[z]));
                }

                need = Math.Max(need, BinPackingBounds.Compute(u, unitsInZone[z], capacity).Hosts);

                total += need;
            }

            return total;
        }

        for (var k = 0; k < u.Dimensions; k++)
        {
            var sum = 0.0;
            for (var z = 0; z < zones; z++)
            {
                sum += volume[z, k];
            }

            if (k == 0 && u.Series is { } all)
            {
                // The whole estate's highest step sum, not the sum of the zones' highest.
                sum = 0;
                for (var t = 0; t < (all.Length == 0 ? 0 : all[0].Length) && u.AllowedExcessSteps == 0; t++)
                {
                    var step = 0.0;
                    for (var x = 0; x < u.Count; x++)
                    {
                        step += all[x][t];
                    }

                    sum = Math.Max(sum, step);
                }
            }

            parts.Add(new BoundPart($"{p.DimensionNames[k]} volume", Math.Max(u.Count > 0 ? 1 : 0, Ceil(sum, p.Capacity[k]))));
        }

        if (u.Count > 0)
        {
            var (hosts, reason) = BinPackingBounds.Compute(u, Enumerable.Range(0, u.Count).ToArray(), p.Capacity);
            parts.Add(new BoundPart(reason, hosts));
        }

        var largestSpread = u.SpreadUnits.Length == 0 ? 0 : u.SpreadUnits.Max(s => s.Length);
        if (largestSpread > 0)
        {
            parts.Add(new BoundPart("largest spread group", largestSpread));
        }

        var zoneCount = used.Count(b => b);
        if (zoneCount > 1)
        {
            parts.Add(new BoundPart($"isolation zones and lonely workloads ({zoneCount} that never share a host)", ZoneSum(p.Capacity, withRules: true)));
        }

        if (p.Failures > 0)
        {
            var survivors = ZoneSum(p.FailoverCapacity, withRules: true);
            parts.Add(new BoundPart($"N+{p.Failures}: the survivors of any {p.Failures} failure{(p.Failures == 1 ? "" : "s")} must hold everything", p.Failures + survivors));
        }

        if (parts.Count == 0)
        {
            parts.Add(new BoundPart("no workloads", 0));
        }

        return new LowerBound(parts.Max(b => b.Hosts), parts);
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
