using Shuyaku.Core.Placement.Search;
using Shuyaku.Core.Plans;

namespace Shuyaku.Core.Placement.Bounds;

/// <summary>
/// The N+k argument by spares (kind <c>n+k-spares</c>, docs/plan-format.md), over host counts, not hosts. Every plan has,
/// per zone z and host label l (no group, or one host group), a number n[z, l] of hosts that run z's units with that
/// label, and per label a number e[l] of idle hosts. In normal operation n[z, l] is at least what z's units bound to l
/// need (lo[z, l], at both capacities) and Σ_l n[z, l] what all of z's units need (lo[z]). When f[z, l] of those hosts and
/// g[l] idle ones fail (k in all), a surviving host keeps its zone, so zone z afterwards runs on its n[z, l] − f[z, l]
/// survivors and on idle survivors that take z, each idle host one zone: z needs r[z, l] = max(0, R[z, l] − n[z, l] +
/// f[z, l]) idle hosts of label l and r[z] = max(Σ r[z, l], R[z] − Σ_l (n[z, l] − f[z, l])) in all (R: the needs at the
/// failover capacity), so Σ_z r[z, l] ≤ e[l] − g[l] and Σ_z r[z] ≤ Σ_l (e[l] − g[l]). The fewest hosts Σ n + Σ e for
/// which some counts meet these conditions for every such failure is a lower bound: every plan's own counts meet them.
/// <para>
/// That fewest has a closed form. The worst k failures take the idle hosts first (one more failed loaded host raises what
/// is asked of the idle hosts by at most one, a failed idle host lowers what they give by exactly one), so counts survive
/// every k failures exactly when each cell with bound units keeps a slack n[z, l] − R[z, l] of k − e[l] where e[l] &lt; k,
/// and each zone a slack Σ_l n[z, l] − R[z] of k − Σ_l e[l] where that is positive. Only min(e[l], k) matters, so the
/// fewest is a minimum over the idle counts e[l] ∈ {0, …, k} of the labels some unit is bound to and x ∈ {0, …, k} idle
/// hosts beside them: Σ e + x + Σ_z N(z), N(z) = max(Σ_cells max(lo[z, l], R[z, l] + k − e[l]), lo[z], R[z] + max(0,
/// k − Σ e − x)).
/// </para>
/// </summary>
internal static class SpareBounds
{
    /// <summary>
    /// Evaluations of N(z) at most: (k + 1)^(bound labels + 1) × the distinct zones (zones with equal needs counted once);
    /// above it the argument is not computed (milliseconds at this limit).
    /// </summary>
    public const long WorkLimit = 5_000_000;

    /// <summary>Failures above which the argument is not tried (the checker recomputes it for 1–3).</summary>
    private const int MaxFailures = 3;

    /// <summary>
    /// The bound by spares when it proves more than <paramref name="from"/> (a proven bound on the hosts of the units),
    /// else null; null too without N+k, with more than 3 failures, where a resource's normal capacity exceeds its
    /// failover capacity, or above <see cref="WorkLimit"/>.
    /// </summary>
    public static BoundPart? Compute(Units u, int from) => Compute(u, ZoneNeeds.Build(u), from);

    /// <summary>As <see cref="Compute(Units, int)"/>, with the zones' needs already computed.</summary>
    public static BoundPart? Compute(Units u, ZoneNeeds table, int from, long workLimit = WorkLimit)
    {
        var total = Fewest(u, table, workLimit);
        var k = u.Problem.Failures;
        return total > from ? new BoundPart(BoundTexts.NPlusKSpares(k).English, total, "n+k-spares", Failures: k) : null;
    }

    /// <summary>The fewest hosts by spare counts (the closed form above), or 0 where the argument is not computed.</summary>
    internal static int Fewest(Units u, ZoneNeeds table, long workLimit = WorkLimit) => Fewest(u, table, workLimit, slots: false);

    /// <summary>
    /// The fewest hosts by spare counts, with the free-slot condition of <see cref="SlotBounds"/> per zone when
    /// <paramref name="slots"/>; 0 where the argument is not computed.
    /// </summary>
    internal static int Fewest(Units u, ZoneNeeds table, long workLimit, bool slots)
    {
        var p = u.Problem;
        var k = p.Failures;
        if (k <= 0 || k > MaxFailures || u.Count == 0 || p.Capacity.Where((c, d) => c > p.FailoverCapacity[d] + 1e-9).Any())
        {
            return 0;
        }

        var zones = Zones(u, table, slots, out var boundLabels);
        var combinations = 1L;
        for (var i = 0; i <= boundLabels.Length; i++)
        {
            combinations *= k + 1;
            if (combinations * zones.Count > workLimit)
            {
                // Checked at every factor, so that many host groups cannot overflow the count.
                return 0;
            }
        }

        // Each bound label's idle count in 0..k, and x idle hosts beside them, as one number in base k + 1.
        var best = int.MaxValue;
        var work = 0L;
        var e = new int[table.Labels];
        for (var c = 0L; c < combinations; c++)
        {
            var rest = c;
            var idle = 0;
            foreach (var l in boundLabels)
            {
                e[l] = (int)(rest % (k + 1));
                rest /= k + 1;
                idle += e[l];
            }

            var beside = (int)rest;
            var hosts = (long)idle + beside;
            var missing = Math.Max(0, k - idle - beside);
            foreach (var zone in zones)
            {
                hosts += (long)zone.Count * zone.Hosts(e, k, missing, ref work);
            }

            best = (int)Math.Min(best, hosts);
        }

        return best;
    }

    /// <summary>The zones with units, those with equal needs counted once with their number; and the labels some unit is bound to.</summary>
    private static List<Zone> Zones(Units u, ZoneNeeds table, bool slots, out int[] boundLabels)
    {
        var byKey = new Dictionary<string, Zone>(StringComparer.Ordinal);
        var order = new List<Zone>();
        var bound = new bool[table.Labels];
        for (var z = 0; z < table.Zones; z++)
        {
            if (table.Units[z].Count == 0)
            {
                continue;
            }

            var cells = new List<(int Label, int Lo, int Failover)>();
            var loSum = 0;
            for (var l = 0; l < table.Labels; l++)
            {
                if (table.Bound[z][l].Count == 0)
                {
                    continue;
                }

                var lo = Math.Max(table.BoundOnCapacity[z][l], table.BoundOnFailover[z][l]);
                cells.Add((l, lo, table.BoundOnFailover[z][l]));
                loSum += lo;
                bound[l] = true;
            }

            var zoneLo = Math.Max(Math.Max(table.OnCapacity[z], table.OnFailover[z]), loSum);
            var rules = slots ? SlotRules(u, table, z, cells) : [];
            var key = zoneLo + "|" + table.OnFailover[z] + "|" + string.Join(';', cells.Select(c => $"{c.Label},{c.Lo},{c.Failover}"))
                + "|" + string.Join(';', rules.Select(r => r.Key));
            if (byKey.TryGetValue(key, out var known))
            {
                known.Count++;
            }
            else
            {
                var zone = new Zone([.. cells], zoneLo, table.OnFailover[z], rules);
                byKey[key] = zone;
                order.Add(zone);
            }
        }

        boundLabels = [.. Enumerable.Range(0, table.Labels).Where(l => bound[l])];
        return order;
    }

    /// <summary>
    /// The rules of the free-slot condition in zone <paramref name="z"/>: each max-per-host rule with workloads bound to a
    /// label there (limit, the rule's workloads in the zone, per cell its workloads bound to the cell's label), and with
    /// static sizing each resource (failover capacity, the zone's demand, per cell the bound units' demand).
    /// </summary>
    private static SlotBounds.SlotRule[] SlotRules(Units u, ZoneNeeds table, int z, List<(int Label, int Lo, int Failover)> cells)
    {
        var rules = new List<SlotBounds.SlotRule>();
        for (var r = 0; r < u.RuleLimit.Length; r++)
        {
            var count = u.RuleCount[r];
            var bound = cells.Select(c => (double)table.Bound[z][c.Label].Sum(x => count[x])).ToArray();
            if (bound.Any(b => b > 0))
            {
                rules.Add(new SlotBounds.SlotRule(u.RuleLimit[r], table.Units[z].Sum(x => count[x]), bound));
            }
        }

        if (!u.Stepped && cells.Count > 0)
        {
            var dims = u.Dimensions;
            for (var d = 0; d < dims; d++)
            {
                var bound = cells.Select(c => table.Bound[z][c.Label].Sum(x => u.Demand[(x * dims) + d])).ToArray();
                rules.Add(new SlotBounds.SlotRule(u.Problem.FailoverCapacity[d], table.Units[z].Sum(x => u.Demand[(x * dims) + d]), bound, Whole: false));
            }
        }

        return [.. rules];
    }

    /// <summary>
    /// Zones with the same needs: their bound cells (label, lo[z, l], R[z, l]), lo[z], R[z], the max-per-host rules of
    /// the free-slot condition (none for the plain spare counts) and how many there are.
    /// </summary>
    private sealed class Zone((int Label, int Lo, int Failover)[] cells, int lo, int failover, SlotBounds.SlotRule[] rules)
    {
        public int Count { get; set; } = 1;

        /// <summary>N(z): the hosts the zone needs under idle counts <paramref name="e"/>, <paramref name="missing"/> = max(0, k − Σ e − x).</summary>
        public int Hosts(int[] e, int k, int missing, ref long work)
        {
            var cellSum = 0;
            foreach (var (label, cellLo, cellFailover) in cells)
            {
                cellSum += Math.Max(cellLo, cellFailover + k - e[label]);
            }

            var hosts = Math.Max(Math.Max(cellSum, lo), failover + missing);
            if (rules.Length == 0)
            {
                return hosts;
            }

            var cellMin = cells.Select(c => Math.Max(c.Lo, c.Failover + k - e[c.Label])).ToArray();
            return SlotBounds.Least(hosts, cellMin, [.. cells.Select(c => c.Label)], rules, e, k, ref work);
        }
    }
}
