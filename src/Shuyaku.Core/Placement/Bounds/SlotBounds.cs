using Shuyaku.Core.Placement.Search;
using Shuyaku.Core.Plans;

namespace Shuyaku.Core.Placement.Bounds;

/// <summary>
/// The free slots a max-per-host rule leaves in a zone (kind <c>n+k-slots</c>, docs/plan-format.md): the spare counts of
/// <see cref="SpareBounds"/> with one more condition per zone. Take a max-per-host rule of limit m, a zone z holding
/// u of its workloads on n(z) hosts, and a label λ with e(λ) &lt; k idle hosts and b &gt; 0 of the rule's workloads in
/// z's units bound to λ, on n(z, λ) hosts. Give each of those hosts h the value v(h) = c(h) + s(h), its bound workloads
/// of the rule plus its free slots (m less the rule's workloads on it); the values sum to b + F(λ), F(λ) the free slots of
/// λ's hosts of z. Failing the e(λ) idle hosts of λ and the f = k − e(λ) hosts of λ in z with the largest values leaves
/// the displaced bound workloads only the free slots of λ's surviving hosts of z, so Σ_failed c ≤ F(λ) − Σ_failed s,
/// that is Σ_failed v ≤ F(λ); and the f largest of n non-negative whole numbers summing to S sum to at least
/// top(S) = f ⌊S / n⌋ + min(f, S mod n). So F(λ) ≥ φ(b, n(z, λ), f), the least F ≥ 0 with top(b + F) ≤ F, and as
/// different labels' hosts are different hosts, Σ_λ φ ≤ Σ_λ F(λ) ≤ m n(z) − u.
/// <para>
/// The same holds for free room in a resource with static sizing: the failover capacity F in place of m, demand in place
/// of workloads, each host's value its bound demand plus its room F − load (at most F, as its load is at most C ≤ F), and
/// the f largest of n non-negative reals summing to S at least f S ÷ n, so the room of λ's hosts in z is at least
/// f b ÷ (n − f) (<see cref="SlotRule.Whole"/> false).
/// </para>
/// </summary>
internal static class SlotBounds
{
    /// <summary>A value above every host count, for a cell whose bound workloads no free slot can hold (n ≤ f).</summary>
    private const int Never = int.MaxValue / 4;

    /// <summary>Totals tried above the spare count's N(z) before the zone is left at the last total not ruled out.</summary>
    private const int MaxSteps = 256;

    /// <summary>
    /// Work (table entries) over one computation of the argument; past it each zone is left at its spare count's N(z)
    /// or the last total not ruled out (milliseconds at this limit).
    /// </summary>
    private const long MaxWork = 5_000_000;

    /// <summary>
    /// The bound by spare counts and free slots when it proves more than <paramref name="from"/> (the larger of the other
    /// N+k arguments), else null; null too where <see cref="SpareBounds"/> is not computed or no max-per-host rule exists.
    /// </summary>
    public static BoundPart? Compute(Units u, ZoneNeeds table, int from)
    {
        var total = SpareBounds.Fewest(u, table, SpareBounds.WorkLimit, slots: true);
        var k = u.Problem.Failures;
        return total > from ? new BoundPart(BoundTexts.NPlusKSlots(k).English, total, "n+k-slots", Failures: k) : null;
    }

    /// <summary>
    /// φ(b, n, f): the least number of free slots F ≥ 0 on n hosts holding b bound workloads such that the f hosts with the
    /// most bound workloads plus free slots hold at most F of both; <see cref="Never"/> when n ≤ f.
    /// </summary>
    public static int Phi(int b, int n, int f)
    {
        if (n <= f)
        {
            return Never;
        }

        // top(b + F) ≥ f (b + F) / n, so F ≥ f b / (n − f); top grows by at most one when F does, so the first F that
        // meets it from there is the least.
        var free = (int)(((long)f * b + (n - f) - 1) / (n - f));
        while (Top(b + free, n, f) > free)
        {
            free++;
        }

        return free;
    }

    /// <summary>The least sum of the f largest of n non-negative whole numbers summing to <paramref name="sum"/>.</summary>
    public static long Top(long sum, int n, int f) => (f * (sum / n)) + Math.Min(f, sum % n);

    /// <summary>
    /// The fewest hosts of a zone at least <paramref name="start"/> (its N(z) by spare counts) such that the cells can hold
    /// their minimum counts <paramref name="cellMin"/>, the extra hosts spread over the cells any way, and each rule's
    /// slot condition holds; a total is left as soon as the steps or the shared <paramref name="work"/> run out (the totals
    /// below it being ruled out).
    /// </summary>
    public static int Least(int start, int[] cellMin, int[] cellLabel, IReadOnlyList<SlotRule> rules, int[] e, int k, ref long work)
    {
        var cellSum = cellMin.Sum();
        for (var t = start; t < start + MaxSteps; t++)
        {
            var extra = t - cellSum;
            var feasible = true;
            foreach (var rule in rules)
            {
                var least = LeastFree(rule, cellMin, cellLabel, e, k, extra, ref work);
                if (least is null)
                {
                    return t;
                }

                // A tolerance above the checker's (1e-9), so that sums taken in another order never make the planner claim more.
                if (least.Value > (rule.Limit * t) - rule.Workloads + (1e-6 * Math.Max(1, rule.Limit)))
                {
                    feasible = false;
                    break;
                }
            }

            if (feasible)
            {
                return t;
            }
        }

        return start + MaxSteps;
    }

    /// <summary>
    /// The least Σ φ over the cells the rule counts (bound workloads, label short of k idle hosts) when up to
    /// <paramref name="extra"/> hosts are added to them; null when the work runs out.
    /// </summary>
    private static double? LeastFree(SlotRule rule, int[] cellMin, int[] cellLabel, int[] e, int k, int extra, ref long work)
    {
        // best[j]: the least sum over the cells so far with j extra hosts given to them.
        var best = new double[extra + 1];
        for (var c = 0; c < cellMin.Length; c++)
        {
            var b = rule.Bound[c];
            var f = k - e[cellLabel[c]];
            if (b <= 0 || f <= 0)
            {
                continue;
            }

            // φ stops falling at n = b + f (where it is f), so no cell takes more extra hosts than up to there.
            var useful = rule.Whole ? Math.Min(extra, Math.Max(0, (int)b + f - cellMin[c])) : extra;
            var phi = new double[useful + 1];
            for (var x = 0; x <= useful; x++)
            {
                var n = cellMin[c] + x;
                phi[x] = rule.Whole ? Phi((int)b, n, f) : n <= f ? Never : f * b / (n - f);
            }

            work += (long)(extra + 1) * (useful + 1);
            if (work > MaxWork)
            {
                return null;
            }

            var next = new double[extra + 1];
            for (var j = 0; j <= extra; j++)
            {
                var least = double.MaxValue;
                for (var x = 0; x <= Math.Min(j, useful); x++)
                {
                    least = Math.Min(least, best[j - x] + phi[x]);
                }

                next[j] = least;
            }

            best = next;
        }

        return best.Min();
    }

    /// <summary>
    /// A max-per-host rule as it bears on one zone (<paramref name="Whole"/>): its limit, its workloads in the zone, and per
    /// bound cell of the zone (in the zone's cell order) its workloads bound to that cell's label; or a resource: its
    /// failover capacity, the zone's demand and per cell the bound units' demand.
    /// </summary>
    internal sealed record SlotRule(double Limit, double Workloads, double[] Bound, bool Whole = true)
    {
        /// <summary>The rule as text, for telling zones with equal needs apart.</summary>
        public string Key => FormattableString.Invariant($"{Whole}/{Limit:R}/{Workloads:R}/")
            + string.Join(';', Bound.Select(b => b.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
    }
}
