using Shuyaku.Core.Model;

namespace Shuyaku.Core.Checking;

/// <summary>
/// The <c>n+k-slots</c> bound argument, recomputed from its definition in docs/plan-format.md by the checker's own method:
/// the closed form of <c>n+k-spares</c> where each zone's count is raised, total by total, until every max-per-host rule
/// leaves some split of the zone's hosts over its cells the free slots that the bound workloads of failed hosts need.
/// </summary>
public static partial class Checker
{
    /// <summary>The most steps (slot checks of one split) the recomputation may take; above it the part is not decided.</summary>
    internal const long SlotWorkLimit = 20_000_000;

    /// <summary>
    /// φ(b, n, f) of docs/plan-format.md: the least F ≥ 0 with f ⌊(b + F) / n⌋ + min(f, (b + F) mod n) ≤ F, found by
    /// counting F up from 0; null when n ≤ f (no F exists).
    /// </summary>
    internal static int? FreeSlotsNeeded(int b, int n, int f)
    {
        if (n <= f)
        {
            return null;
        }

        for (var free = 0; ; free++)
        {
            var sum = b + free;
            if ((f * (sum / n)) + Math.Min(f, sum % n) <= free)
            {
                return free;
            }
        }
    }

    /// <summary>
    /// T of the n+k-slots argument: as <see cref="FewestSpares"/> (which is this with no rules), with each zone's N(z) raised
    /// to the least total t for which, for every slot rule of the zone, some split of t − Σ cell minima extra hosts over the
    /// cells gives Σ φ ≤ limit × t − the rule's workloads in the zone. Null when (k + 1)^(labels + 1) × zones or the steps
    /// exceed <paramref name="limit"/>.
    /// </summary>
    internal static int? FewestSlots(int k, int boundLabels, IReadOnlyList<SlotZone> zones, long limit)
    {
        var vectors = 1L;
        for (var i = 0; i <= boundLabels && vectors <= limit; i++)
        {
            vectors *= k + 1;
        }

        if (vectors * zones.Count > limit)
        {
            return null;
        }

        // e[0..L) the idle hosts of each bound label, e[L] those of any label beside them (x); odometer order.
        var steps = 0L;
        var e = new int[boundLabels + 1];
        var best = int.MaxValue;
        for (var n = 0L; n < vectors; n++)
        {
            var idle = e.Sum();
            var total = idle;
            var zoneSlack = Math.Max(0, k - idle);
            foreach (var zone in zones)
            {
                var minima = zone.Cells.Select(c => Math.Max(c.Lo, c.After + k - e[c.Label])).ToArray();
                var t = Math.Max(Math.Max(minima.Sum(), zone.Lo), zone.After + zoneSlack);
                while (!zone.Rules.All(r => SomeSplitHolds(r, zone.Cells, minima, e, k, t, t - minima.Sum(), 0, 0, limit, ref steps)))
                {
                    if (steps > limit)
                    {
                        return null;
                    }

                    t++;
                }

                total += t;
            }

            best = Math.Min(best, total);
            for (var i = 0; i < e.Length && ++e[i] > k; i++)
            {
                e[i] = 0;
            }
        }

        return steps > limit ? null : best;
    }

    /// <summary>
    /// Whether the cells from <paramref name="cell"/> on, given at most <paramref name="extra"/> more hosts in all, can keep
    /// the rule's condition with <paramref name="needed"/> free slots already asked by the cells before them.
    /// </summary>
    private static bool SomeSplitHolds(SlotRuleFacts rule, IReadOnlyList<SpareCell> cells, int[] minima, int[] e, int k, int t, int extra, int cell, double needed, long limit, ref long steps)
    {
        if (++steps > limit)
        {
            // Out of work: the total is not ruled out (the caller then stops with the work counted).
            return true;
        }

        var free = (rule.Limit * t) - rule.Workloads;
        if (needed > free + Eps)
        {
            return false;
        }

        if (cell == cells.Count)
        {
            return true;
        }

        var f = k - e[cells[cell].Label];
        if (rule.Bound[cell] <= 0 || f <= 0)
        {
            return SomeSplitHolds(rule, cells, minima, e, k, t, extra, cell + 1, needed, limit, ref steps);
        }

        // More hosts in a cell never ask for more free slots or room, and from b + f hosts on the cell asks f slots; so try
        // the most extra hosts this cell can use first and fewer after.
        var most = rule.Whole ? Math.Min(extra, Math.Max(0, (int)rule.Bound[cell] + f - minima[cell])) : extra;
        for (var x = most; x >= 0; x--)
        {
            if (Needed(rule, rule.Bound[cell], minima[cell] + x, f) is { } phi
                && SomeSplitHolds(rule, cells, minima, e, k, t, extra - x, cell + 1, needed + phi, limit, ref steps))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// What a cell of n hosts with b bound workloads (or bound demand) asks of its label's free slots (or free room) when
    /// f of its hosts fail: φ(b, n, f) for slots, f b ÷ (n − f) for room; null when n ≤ f.
    /// </summary>
    private static double? Needed(SlotRuleFacts rule, double b, int n, int f) =>
        rule.Whole ? FreeSlotsNeeded((int)b, n, f) : n <= f ? null : f * b / (n - f);

    /// <summary>A zone of the n+k-slots argument: its n+k-spares data and the max-per-host rules with workloads bound to a label in it.</summary>
    internal sealed record SlotZone(int Lo, int After, IReadOnlyList<SpareCell> Cells, IReadOnlyList<SlotRuleFacts> Rules);

    /// <summary>
    /// A max-per-host rule in a zone (<paramref name="Whole"/>): its limit, its workloads in the zone, and per cell (in the
    /// zone's cell order) those bound to the cell's label; or a resource: the failover capacity, the zone's demand, and
    /// per cell the demand of the units bound to the cell's label.
    /// </summary>
    internal sealed record SlotRuleFacts(double Limit, double Workloads, double[] Bound, bool Whole = true);

    private sealed partial class BoundFacts
    {
        /// <summary>
        /// T of the n+k-slots argument (null when not decided within <see cref="SlotWorkLimit"/>) and Σ_z lo(z): the zones of
        /// the n+k-spares argument with each max-per-host rule's workloads per zone and per bound cell.
        /// </summary>
        public (int? Fewest, int SumLo) FailoverBySlots(int k)
        {
            var spares = SpareZones(out var labels);
            var zones = new List<SlotZone>();
            foreach (var (units, groups, spare) in spares)
            {
                var inZone = units.ToHashSet();
                var rules = _maxPerHost
                    .Select(r => new SlotRuleFacts(r.Limit, r.Units.Count(inZone.Contains), [.. groups.Select(b => b.ToHashSet()).Select(b => (double)r.Units.Count(b.Contains))]))
                    .Where(r => r.Bound.Any(b => b > 0))
                    .ToList();
                if (_aligned is null && groups.Count > 0)
                {
                    // Free room per resource, with static sizing only.
                    foreach (var r in Enum.GetValues<Resource>())
                    {
                        rules.Add(new SlotRuleFacts(Failover[(int)r], units.Sum(u => _demand[u][(int)r]), [.. groups.Select(b => b.Sum(u => _demand[u][(int)r]))], Whole: false));
                    }
                }

                zones.Add(new SlotZone(spare.Lo, spare.After, spare.Cells, rules));
            }

            return (FewestSlots(k, labels, zones, SlotWorkLimit), zones.Sum(z => z.Lo));
        }
    }
}
