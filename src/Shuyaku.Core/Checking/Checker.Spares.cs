using Shuyaku.Core.Localization;
using Shuyaku.Core.Plans;

namespace Shuyaku.Core.Checking;

/// <summary>
/// The <c>n+k-spares</c> bound argument, recomputed from its definition in docs/plan-format.md by the checker's own
/// method: the fewest hosts in closed form over the idle hosts per label, not by a search over the host counts.
/// </summary>
public static partial class Checker
{
    /// <summary>The most (idle-count vector, zone) evaluations the recomputation may take; above it the part is not decided.</summary>
    internal const long SpareWorkLimit = 5_000_000;

    /// <summary>
    /// Proves an <c>n+k-spares</c> part, or with <paramref name="slots"/> an <c>n+k-slots</c> part: verified, a bound
    /// violation when decided below its claim, else taken on trust.
    /// </summary>
    private static void VerifySpares(Plan plan, PlanBoundPart part, BoundFacts facts, bool slots, List<string> verified, List<string> unverified, List<Violation> v)
    {
        var k = plan.Inputs.Failures;
        var proven = 0;
        var decided = true;
        if (part.Failures == k && k is >= 1 and <= 3)
        {
            // S: the totals are decided upwards from the larger of the n+k and n+k-rules arguments and Σ lo(z).
            var recorded = plan.LowerBound.Parts.FirstOrDefault(p => p.Kind == "n+k" && p.Failures == k)?.Zones ?? [];
            var (fewest, sumLo) = slots ? facts.FailoverBySlots(k) : facts.FailoverBySpares(k);
            var start = Math.Max(Math.Max(k + facts.Zones(facts.Failover, recorded), facts.FailoverByLabelAndZone(k)), sumLo);
            decided = fewest is not null;
            proven = Math.Max(start, fewest ?? 0);
        }

        if (part.Hosts <= proven)
        {
            verified.Add(part.Reason);
        }
        else if (decided)
        {
            v.Add(new("bound", P("check.bound.argument", (object?)BoundTexts.Of(part) ?? part.Reason, N(part.Hosts), N(proven)), [], []));
        }
        else
        {
            var limit = slots ? SlotWorkLimit : SpareWorkLimit;
            unverified.Add(Texts.Format(slots ? "check.bound.slots.undecided" : "check.bound.spares.undecided", part.Reason, N(proven),
                limit.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)));
        }
    }

    /// <summary>
    /// T of the n+k-spares argument over zones given by their lo(z), R(z) and cells (bound label, lo(z, λ), R(z, λ)), the
    /// labels numbered 0 to <paramref name="boundLabels"/> − 1; null when (k + 1)^(labels + 1) × zones exceeds
    /// <paramref name="limit"/>. A plan's counts survive every k failures exactly when, per bound label λ, e(λ) ≥ k or
    /// each cell (z, λ) keeps n(z, λ) − R(z, λ) ≥ k − e(λ), and Σ e ≥ k or each zone keeps Σ_λ n(z, λ) − R(z) ≥ k − Σ e
    /// (docs/plan-format.md, "How `check` recomputes it"); so T is the least, over e(λ) ∈ 0..k per bound label and x ∈
    /// 0..k idle hosts beside them, of Σ e + x + Σ_z N(z), N(z) the fewest hosts of zone z meeting those slacks.
    /// </summary>
    internal static int? FewestSpares(int k, int boundLabels, IReadOnlyList<SpareZone> zones, long limit) =>
        FewestSlots(k, boundLabels, [.. zones.Select(z => new SlotZone(z.Lo, z.After, z.Cells, []))], limit);

    /// <summary>A zone of the n+k-spares argument: lo(z), R(z) (its need on F) and its cells of bound units.</summary>
    internal sealed record SpareZone(int Lo, int After, IReadOnlyList<SpareCell> Cells);

    /// <summary>The units of a zone bound to one label: the label's number, lo(z, λ) and R(z, λ).</summary>
    internal sealed record SpareCell(int Label, int Lo, int After);

    private sealed partial class BoundFacts
    {
        /// <summary>
        /// T of the n+k-spares argument (null when the evaluations would exceed <see cref="SpareWorkLimit"/>) and Σ_z lo(z):
        /// labels, bound units, lo and R per zone and cell as docs/plan-format.md defines them, then <see cref="FewestSpares"/>.
        /// </summary>
        public (int? Fewest, int SumLo) FailoverBySpares(int k)
        {
            var zones = SpareZones(out var labels);
            return (FewestSpares(k, labels, [.. zones.Select(z => z.Zone)], SpareWorkLimit), zones.Sum(z => z.Zone.Lo));
        }

        /// <summary>
        /// The zones of the n+k-spares argument, each with its units and its bound units grouped by label in cell order, and
        /// the number of bound labels.
        /// </summary>
        private List<(List<int> Units, List<List<int>> Cells, SpareZone Zone)> SpareZones(out int labels)
        {
            var labelSets = All.Select(LabelsOf).ToArray();
            var bound = All.Where(u => labelSets[u].Count == 1).Select(u => labelSets[u][0]).Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal).ToList();
            var zones = new List<(List<int>, List<List<int>>, SpareZone)>();
            foreach (var zone in All.GroupBy(u => _zone[u], StringComparer.Ordinal))
            {
                var units = zone.ToList();
                var groups = units.Where(u => labelSets[u].Count == 1).GroupBy(u => labelSets[u][0], StringComparer.Ordinal)
                    .Select(b => b.ToList()).ToList();
                var cells = groups
                    .Select(b => new SpareCell(bound.IndexOf(labelSets[b[0]][0]), Math.Max(Alone(b, Normal), Alone(b, Failover)), Alone(b, Failover)))
                    .ToArray();
                var after = Alone(units, Failover);
                zones.Add((units, groups, new SpareZone(Math.Max(Math.Max(Alone(units, Normal), after), cells.Sum(c => c.Lo)), after, cells)));
            }

            labels = bound.Count;
            return zones;
        }

        /// <summary>The labels a unit may run on: its fence group, or no group and every group it is not banned from.</summary>
        private List<string> LabelsOf(int unit) => _fence.TryGetValue(unit, out var g) ? ["group " + g]
            : [.. _groupIds.Where(id => !(_bans.TryGetValue(unit, out var b) && b.Contains(id))).Select(id => "group " + id).Prepend("no group")];
    }
}
