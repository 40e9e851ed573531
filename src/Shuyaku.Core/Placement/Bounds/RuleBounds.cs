using Shuyaku.Core.Placement.Search;
using Shuyaku.Core.Plans;

namespace Shuyaku.Core.Placement.Bounds;

/// <summary>
/// N+k lower bounds that see where a failed host's units may restart: a unit fenced to a host group (or banned from
/// every group) restarts only on hosts of that label, and a surviving host that runs units keeps their zone (hosts never
/// mix zones, also after failures; an idle host takes one zone). The arguments are stated in docs/plan-format.md
/// (kind <c>n+k-rules</c>).
/// </summary>
internal static class RuleBounds
{
    /// <summary>The stronger of the two N+k arguments over labels and zones, or null without N+k or when neither adds anything.</summary>
    public static BoundPart? Compute(Units u) => Compute(u, ZoneNeeds.Build(u));

    /// <summary>As <see cref="Compute(Units)"/>, with the zones' needs already computed.</summary>
    public static BoundPart? Compute(Units u, ZoneNeeds table)
    {
        var p = u.Problem;
        var k = p.Failures;
        if (k <= 0 || u.Count == 0)
        {
            return null;
        }

        var zones = table.Zones;
        var byZone = table.Units;
        var byLabelZone = new Dictionary<(int Label, int Zone), (int OnCapacity, int OnFailover)>();
        for (var z = 0; z < zones; z++)
        {
            for (var l = 0; l < table.Labels; l++)
            {
                if (table.Bound[z][l].Count > 0)
                {
                    byLabelZone[(l, z)] = (table.BoundOnCapacity[z][l], table.BoundOnFailover[z][l]);
                }
            }
        }

        // What each zone needs in normal operation: its units alone, or its label-bound units per label (they never share).
        var need = new int[zones];
        for (var z = 0; z < zones; z++)
        {
            if (byZone[z].Count == 0)
            {
                continue;
            }

            var split = byLabelZone.Where(e => e.Key.Zone == z).Sum(e => e.Value.OnCapacity);
            need[z] = Math.Max(table.OnCapacity[z], split);
        }

        var total = need.Sum();

        // 1. One zone's hosts and the idle hosts: fail k of them, the zone's units restart on the rest; the other zones keep theirs.
        var best = 0;
        List<PlanBoundZone>? why = null;
        for (var z = 0; z < zones; z++)
        {
            if (byZone[z].Count == 0)
            {
                continue;
            }

            var hosts = k + table.OnFailover[z] + total - need[z];
            if (hosts > best)
            {
                best = hosts;
                why = [new PlanBoundZone(ZoneName(u, z, byZone[z]), k + table.OnFailover[z], "failed-zone"), .. Others(u, byZone, need, [z])];
            }
        }

        // 2. Per host label that some units are bound to: the label's hosts of one zone and its idle hosts lose k and must
        // still hold that zone's bound units; labels never share a host; zones' hosts outside these sets add up.
        var chosen = new List<(int Label, int Zone, int Hosts)>();
        foreach (var group in byLabelZone.GroupBy(e => e.Key.Label).OrderBy(g => g.Key))
        {
            // The zone with the most; among equals, the one that needs the fewest hosts in normal operation, then by name.
            var top = group.Select(e => (Label: group.Key, e.Key.Zone, Hosts: k + e.Value.OnFailover))
                .OrderByDescending(t => t.Hosts).ThenBy(t => need[t.Zone]).ThenBy(t => ZoneKey(u, t.Zone, byZone[t.Zone]), StringComparer.Ordinal).First();
            chosen.Add(top);
        }

        if (chosen.Count > 0)
        {
            var hosts = chosen.Sum(c => c.Hosts);
            var rest = new List<PlanBoundZone>();
            for (var z = 0; z < zones; z++)
            {
                // Units of z bound to a label whose set lies in another zone need hosts of that label running z: outside every set.
                var inSets = chosen.Where(c => c.Zone == z).Sum(c => c.Hosts);
                var elsewhere = byLabelZone.Where(e => e.Key.Zone == z && chosen.Any(c => c.Label == e.Key.Label && c.Zone != z))
                    .Sum(e => e.Value.OnCapacity);
                var more = Math.Max(elsewhere, need[z] - inSets);
                hosts += more;
                if (more > 0)
                {
                    rest.Add(new PlanBoundZone(ZoneName(u, z, byZone[z]), more, "zone-rest"));
                }
            }

            if (hosts > best)
            {
                best = hosts;
                why = [.. chosen.Select(c => new PlanBoundZone($"{ZoneName(u, c.Zone, byZone[c.Zone])} on {LabelName(p, c.Label)}", c.Hosts, "failed-label")), .. rest];
            }
        }

        return best == 0 ? null : new BoundPart(
            BoundTexts.NPlusKRules(k).English,
            best, "n+k-rules", Failures: k, Zones: why);
    }

    /// <summary>The one host label (0: no group, g + 1: group g) the unit may run on, or -1 when it may run on several.</summary>
    internal static int OnlyLabel(Units u, int x, int labels)
    {
        if (u.Fence[x] >= 0)
        {
            return u.Fence[x] + 1;
        }

        if (labels == 1)
        {
            return -1;
        }

        // Banned from every group: only hosts without a group.
        var banned = u.Ban[x].Where(g => g >= 0).Distinct().Count();
        return banned == labels - 1 ? 0 : -1;
    }

    /// <summary>
    /// Hosts a set of units of one zone needs on its own at a capacity: 1, the volume per resource, the most of one
    /// spread rule, each max-per-host rule, and Martello–Toth L2 per resource (what <c>check</c> recomputes for a zone).
    /// </summary>
    internal static int SetBound(Units u, IReadOnlyList<int> units, double[] capacity)
    {
        if (units.Count == 0)
        {
            return 0;
        }

        var best = 1;
        for (var k = 0; k < u.Dimensions; k++)
        {
            if (u.StepSeries(k) is not null)
            {
                continue;
            }

            var sum = 0.0;
            foreach (var x in units)
            {
                sum += u.DemandOf(x, k);
            }

            best = Math.Max(best, Ceil(sum, capacity[k]));
        }

        var set = units.ToHashSet();
        foreach (var spread in u.SpreadUnits)
        {
            best = Math.Max(best, spread.Count(set.Contains));
        }

        for (var r = 0; r < u.RuleLimit.Length; r++)
        {
            var count = 0;
            foreach (var x in units)
            {
                count += u.RuleCount[r][x];
            }

            best = Math.Max(best, Ceil(count, u.RuleLimit[r]));
        }

        return Math.Max(best, BinPackingBounds.MartelloTothL2(u, units, capacity));
    }

    private static IEnumerable<PlanBoundZone> Others(Units u, List<int>[] byZone, int[] need, int[] except)
    {
        for (var z = 0; z < byZone.Length; z++)
        {
            if (byZone[z].Count > 0 && !except.Contains(z))
            {
                yield return new PlanBoundZone(ZoneName(u, z, byZone[z]), need[z], "zone-rest");
            }
        }
    }

    private static string LabelName(PlacementProblem p, int label) => label == 0 ? "hosts of no group" : "group " + p.GroupNames[label - 1];

    /// <summary>The zone as <c>check</c> names it when it breaks ties: the zone's name, "" without one, "lonely ID" for a lonely unit.</summary>
    private static string ZoneKey(Units u, int z, List<int> units)
    {
        var p = u.Problem;
        return u.Lonely[units[0]] ? "lonely " + p.ItemNames[u.Members[units[0]][0]] : p.ZoneNames.Length > z ? p.ZoneNames[z] : "";
    }

    private static string ZoneName(Units u, int z, List<int> units)
    {
        var p = u.Problem;
        if (u.Lonely[units[0]])
        {
            return "lonely " + p.ItemNames[u.Members[units[0]][0]];
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

        return b <= 0 ? int.MaxValue / 4 : (int)Math.Ceiling((a / b) - 1e-9);
    }
}
