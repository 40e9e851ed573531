using Shuyaku.Core.Placement.Search;

namespace Shuyaku.Core.Placement.Bounds;

/// <summary>
/// What each zone, and each zone's units bound to one host label, need on their own at the normal and at the failover
/// capacity (<see cref="RuleBounds.SetBound"/>): computed once and shared by the N+k arguments over labels and zones
/// (<see cref="RuleBounds"/>) and by spare counts (<see cref="SpareBounds"/>), which ask for the same sets.
/// </summary>
internal sealed class ZoneNeeds
{
    private ZoneNeeds(int labels, int zones)
    {
        Labels = labels;
        Units = new List<int>[zones];
        OnCapacity = new int[zones];
        OnFailover = new int[zones];
        Bound = new List<int>[zones][];
        BoundOnCapacity = new int[zones][];
        BoundOnFailover = new int[zones][];
        for (var z = 0; z < zones; z++)
        {
            Units[z] = [];
            Bound[z] = new List<int>[labels];
            BoundOnCapacity[z] = new int[labels];
            BoundOnFailover[z] = new int[labels];
            for (var l = 0; l < labels; l++)
            {
                Bound[z][l] = [];
            }
        }
    }

    /// <summary>Host labels: 0 no group, g + 1 host group g.</summary>
    public int Labels { get; }

    /// <summary>Zones, as <see cref="Search.Units.Zone"/> numbers them (some may hold no unit).</summary>
    public int Zones => Units.Length;

    /// <summary>Units per zone, in unit order.</summary>
    public List<int>[] Units { get; }

    /// <summary>Per zone, what its units need at the normal capacity (0 for a zone without units).</summary>
    public int[] OnCapacity { get; }

    /// <summary>Per zone, what its units need at the failover capacity (0 for a zone without units).</summary>
    public int[] OnFailover { get; }

    /// <summary>Per zone and label, the zone's units that may run on that label only (<see cref="RuleBounds.OnlyLabel"/>).</summary>
    public List<int>[][] Bound { get; }

    /// <summary>Per zone and label, what <see cref="Bound"/> needs at the normal capacity (0 when empty).</summary>
    public int[][] BoundOnCapacity { get; }

    /// <summary>Per zone and label, what <see cref="Bound"/> needs at the failover capacity (0 when empty).</summary>
    public int[][] BoundOnFailover { get; }

    /// <summary>The table of <paramref name="u"/>'s zones and labels at both capacities.</summary>
    public static ZoneNeeds Build(Units u)
    {
        var p = u.Problem;
        var labels = p.GroupNames.Length + 1;
        var t = new ZoneNeeds(labels, u.ZoneCount);
        for (var x = 0; x < u.Count; x++)
        {
            var z = u.Zone[x];
            t.Units[z].Add(x);
            if (RuleBounds.OnlyLabel(u, x, labels) is var only and >= 0)
            {
                t.Bound[z][only].Add(x);
            }
        }

        for (var z = 0; z < t.Zones; z++)
        {
            t.OnCapacity[z] = RuleBounds.SetBound(u, t.Units[z], p.Capacity);
            t.OnFailover[z] = RuleBounds.SetBound(u, t.Units[z], p.FailoverCapacity);
            for (var l = 0; l < labels; l++)
            {
                t.BoundOnCapacity[z][l] = RuleBounds.SetBound(u, t.Bound[z][l], p.Capacity);
                t.BoundOnFailover[z][l] = RuleBounds.SetBound(u, t.Bound[z][l], p.FailoverCapacity);
            }
        }

        return t;
    }
}
