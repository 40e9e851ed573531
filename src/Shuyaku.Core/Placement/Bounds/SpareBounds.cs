using Shuyaku.Core.Placement.Search;
using Shuyaku.Core.Plans;

namespace Shuyaku.Core.Placement.Bounds;

/// <summary>
/// The N+k argument by spares (kind <c>n+k-spares</c>, docs/plan-format.md): an exact search over host counts, not
/// hosts. Every plan has, per zone z and host label l (no group, or one host group), a number n[z, l] of hosts that run
/// z's units with that label, and per label a number e[l] of idle hosts. In normal operation n[z, l] is at least what
/// z's units bound to l need (<see cref="RuleBounds.SetBound"/> at both capacities) and n[z] (over labels) what all of
/// z's units need. When f[z, l] of those hosts and g[l] idle ones fail (k in all), a surviving host keeps its zone, so
/// zone z afterwards runs on its n[z, l] − f[z, l] survivors and on idle survivors that take z, each idle host one zone:
/// z needs r[z, l] = max(0, F[z, l] − n[z, l] + f[z, l]) idle hosts of label l and r[z] = max(Σ r[z, l], F[z] − n[z] +
/// f[z]) in all (F: the needs at the failover capacity), so Σ_z r[z, l] ≤ e[l] − g[l] and Σ_z r[z] ≤ Σ_l (e[l] − g[l]).
/// The fewest hosts Σ n + Σ e for which some counts meet these conditions for every such failure is a lower bound:
/// every plan's own counts meet them. The search decides the totals upwards from a known bound; each total it proves
/// infeasible raises the bound, and it stops at the first feasible total or when its node budget runs out (the bound is
/// then the last total not yet ruled out).
/// </summary>
internal static class SpareBounds
{
    /// <summary>
    /// Work over all totals, deterministic: per zone option tried, one per zone chosen so far; per failure set
    /// enumerated one, and per one evaluated one per zone of the estate (tens of milliseconds).
    /// </summary>
    public const long NodeBudget = 5_000_000;

    /// <summary>Options per zone above which the argument is not tried.</summary>
    private const int OptionLimit = 2_000;

    /// <summary>Totals above the starting bound tried at most.</summary>
    private const int MaxRaise = 8;

    /// <summary>
    /// The bound by spares when it proves more than <paramref name="from"/> (a proven bound on the hosts of the units),
    /// else null; null too without N+k, with more than 3 failures or 4 labels, or when a zone has too many options.
    /// </summary>
    public static BoundPart? Compute(Units u, int from, long nodeBudget = NodeBudget)
    {
        var p = u.Problem;
        var k = p.Failures;
        var labels = p.GroupNames.Length + 1;
        if (k <= 0 || k > 3 || labels > 4 || u.Count == 0)
        {
            return null;
        }

        // Normal operation must fit the failover capacity too (the planner's normal capacity is the lesser of the two).
        if (p.Capacity.Where((c, d) => c > p.FailoverCapacity[d] + 1e-9).Any() || BuildZones(u, labels, k) is not { } zones)
        {
            return null;
        }

        var search = new Search(zones, labels, k, nodeBudget);
        var start = Math.Max(from, zones.Sum(z => z.Options[0].Cost));
        var total = start;
        while (total < start + MaxRaise && !search.Feasible(total) && !search.OutOfNodes)
        {
            total++;
        }

        // Every total below `total` is infeasible (or is at most `from`): `total` itself may not be.
        return total > from ? new BoundPart(BoundTexts.NPlusKSpares(k).English, total, "n+k-spares", Failures: k) : null;
    }

    private static Zone[]? BuildZones(Units u, int labels, int k)
    {
        var p = u.Problem;
        var byZone = new Dictionary<int, List<int>>();
        for (var x = 0; x < u.Count; x++)
        {
            if (!byZone.TryGetValue(u.Zone[x], out var list))
            {
                byZone[u.Zone[x]] = list = [];
            }

            list.Add(x);
        }

        var result = new List<Zone>();
        foreach (var units in byZone.OrderBy(e => e.Key).Select(e => e.Value))
        {
            var allowed = new bool[labels];
            var bound = Enumerable.Range(0, labels).Select(_ => new List<int>()).ToArray();
            foreach (var x in units)
            {
                for (var l = 0; l < labels; l++)
                {
                    allowed[l] |= u.Fence[x] >= 0 ? l == u.Fence[x] + 1 : l == 0 || !u.Ban[x].Contains(l - 1);
                }

                if (RuleBounds.OnlyLabel(u, x, labels) is var only and >= 0)
                {
                    bound[only].Add(x);
                }
            }

            var lo = new int[labels];
            var fail = new int[labels];
            for (var l = 0; l < labels; l++)
            {
                fail[l] = RuleBounds.SetBound(u, bound[l], p.FailoverCapacity);
                lo[l] = Math.Max(RuleBounds.SetBound(u, bound[l], p.Capacity), fail[l]);
            }

            var failTotal = RuleBounds.SetBound(u, units, p.FailoverCapacity);
            var loTotal = Math.Max(Math.Max(RuleBounds.SetBound(u, units, p.Capacity), failTotal), lo.Sum());
            var options = Options(allowed, lo, fail, loTotal, failTotal, k);
            if (options is null || options.Count == 0)
            {
                return null;
            }

            result.Add(new Zone(string.Join(',', allowed.Select(a => a ? 1 : 0)) + "|" + string.Join(',', lo) + "|" + string.Join(',', fail) + "|" + loTotal + "|" + failTotal, options));
        }

        // Larger zones first (they decide most); identical zones side by side, so that their options are taken in order.
        return [.. result.OrderByDescending(z => z.Options[0].Cost).ThenBy(z => z.Key, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The host counts per label a zone may have, cheapest first: at least each label's need and the zone's in all.
    /// A count with more hosts than the zone needs after any k failures (<c>failTotal + k</c>, or its normal need) and a
    /// label above max(its normal need, its failover need + k) is left out: dropping one such host changes no condition.
    /// </summary>
    private static List<Option>? Options(bool[] allowed, int[] lo, int[] fail, int loTotal, int failTotal, int k)
    {
        var labels = lo.Length;
        var enough = Math.Max(loTotal, failTotal + k);
        var cap = new int[labels];
        for (var l = 0; l < labels; l++)
        {
            cap[l] = fail[l] == 0 ? lo[l] : Math.Max(lo[l], fail[l] + k);
        }

        var result = new List<Option>();
        var n = new int[labels];

        bool Add(int l)
        {
            if (l == labels)
            {
                var sum = n.Sum();
                if (sum >= loTotal && (sum <= enough || n.Select((c, i) => c <= cap[i]).All(b => b)))
                {
                    result.Add(new Option([.. n], fail, failTotal, k));
                }

                return result.Count <= OptionLimit;
            }

            var top = allowed[l] ? Math.Max(cap[l], enough) : 0;
            for (n[l] = lo[l]; n[l] <= top; n[l]++)
            {
                if (!Add(l + 1))
                {
                    return false;
                }
            }

            return true;
        }

        return Add(0) ? [.. result.OrderBy(o => o.Cost)] : null;
    }

    /// <summary>A zone: a key equal for zones with the same needs, and its options cheapest first.</summary>
    private sealed record Zone(string Key, List<Option> Options);

    /// <summary>
    /// One count of hosts per label for a zone, with what each local failure (f[l] of its hosts of label l, 1 to k in all)
    /// asks of the idle hosts: r[l] of label l and r in all.
    /// </summary>
    private sealed class Option
    {
        public Option(int[] hosts, int[] fail, int failTotal, int k)
        {
            Hosts = hosts;
            Cost = hosts.Sum();
            var f = new int[hosts.Length];
            Local(0, k);

            void Local(int l, int left)
            {
                if (l == hosts.Length)
                {
                    var failed = f.Sum();
                    if (failed == 0)
                    {
                        return;
                    }

                    var r = new int[hosts.Length];
                    for (var i = 0; i < r.Length; i++)
                    {
                        r[i] = fail[i] == 0 ? 0 : Math.Max(0, fail[i] - hosts[i] + f[i]);
                    }

                    var all = Math.Max(r.Sum(), failTotal - Cost + failed);
                    Damage[Key(f)] = (r, all);
                    MostByOne = failed == 1 ? Math.Max(MostByOne, all) : MostByOne;
                    MostAlone = Math.Max(MostAlone, all > 0 ? all + k - failed : 0);
                    return;
                }

                for (f[l] = 0; f[l] <= Math.Min(left, hosts[l]); f[l]++)
                {
                    Local(l + 1, left - f[l]);
                }

                f[l] = 0;
            }
        }

        public int[] Hosts { get; }

        public int Cost { get; }

        /// <summary>Per local failure (by <see cref="Key"/>): idle hosts asked for, per label and in all.</summary>
        public Dictionary<int, (int[] PerLabel, int All)> Damage { get; } = [];

        /// <summary>The most idle hosts one failure of this zone asks for.</summary>
        public int MostByOne { get; private set; }

        /// <summary>The most idle hosts this zone's failures ask for, the other failures taking idle hosts.</summary>
        public int MostAlone { get; private set; }

        public static int Key(int[] f)
        {
            var key = 0;
            foreach (var c in f)
            {
                key = (key * 4) + c;
            }

            return key;
        }
    }

    /// <summary>The depth-first search of one total over the zones' options, then over the idle hosts per label.</summary>
    private sealed class Search(Zone[] zones, int labels, int k, long budget)
    {
        private readonly int[] _chosen = new int[zones.Length];
        private readonly int[] _restMin = RestMin(zones);
        private long _nodes;

        public bool OutOfNodes => _nodes > budget;

        /// <summary>Whether some counts on exactly <paramref name="total"/> hosts meet every failure's conditions (false also when out of nodes).</summary>
        public bool Feasible(int total) => Choose(0, 0, total);

        private static int[] RestMin(Zone[] zones)
        {
            var rest = new int[zones.Length + 1];
            for (var i = zones.Length - 1; i >= 0; i--)
            {
                rest[i] = rest[i + 1] + zones[i].Options[0].Cost;
            }

            return rest;
        }

        private bool Choose(int z, int cost, int total)
        {
            if (++_nodes > budget)
            {
                return false;
            }

            if (z == zones.Length)
            {
                return Idle(total - cost);
            }

            var first = z > 0 && zones[z - 1].Key == zones[z].Key ? _chosen[z - 1] : 0;
            var options = zones[z].Options;
            for (var i = first; i < options.Count; i++)
            {
                var next = cost + options[i].Cost;
                if (next + _restMin[z + 1] > total)
                {
                    break;
                }

                _chosen[z] = i;
                _nodes += z + 1;
                if (next + _restMin[z + 1] + IdleAtLeast(z + 1) <= total && Choose(z + 1, next, total))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Idle hosts the first <paramref name="count"/> zones' options ask for at least: failures in one zone, or one in each of up to k zones.</summary>
        private int IdleAtLeast(int count)
        {
            var alone = 0;
            Span<int> top = stackalloc int[k];
            for (var z = 0; z < count; z++)
            {
                var o = zones[z].Options[_chosen[z]];
                alone = Math.Max(alone, o.MostAlone);
                var v = o.MostByOne;
                for (var i = 0; i < k && v > 0; i++)
                {
                    if (v > top[i])
                    {
                        (top[i], v) = (v, top[i]);
                    }
                }
            }

            var spread = 0;
            var zonesHit = 0;
            foreach (var v in top)
            {
                spread += v;
                zonesHit += v > 0 ? 1 : 0;
            }

            return Math.Max(alone, spread > 0 ? spread + k - zonesHit : 0);
        }

        /// <summary>Whether some split of <paramref name="idle"/> idle hosts over the labels meets every failure's conditions.</summary>
        private bool Idle(int idle)
        {
            if (idle < 0)
            {
                return false;
            }

            var e = new int[labels];

            bool Split(int l, int left)
            {
                if (l == labels - 1)
                {
                    e[l] = left;
                    return Survives(e);
                }

                for (e[l] = 0; e[l] <= left; e[l]++)
                {
                    if (Split(l + 1, left - e[l]))
                    {
                        return true;
                    }
                }

                return false;
            }

            return Split(0, idle);
        }

        /// <summary>Whether every set of k failed hosts (of zones' hosts by label, and idle hosts by label) meets the conditions.</summary>
        private bool Survives(int[] e)
        {
            var hosts = e.Sum();
            for (var z = 0; z < zones.Length; z++)
            {
                hosts += zones[z].Options[_chosen[z]].Cost;
            }

            var failures = Math.Min(k, hosts);
            var f = new int[zones.Length][];
            for (var z = 0; z < zones.Length; z++)
            {
                f[z] = new int[labels];
            }

            var g = new int[labels];
            var categories = (zones.Length + 1) * labels;

            // Every set of `failures` failed hosts as counts per category: zone z label l (z < zones), or idle label l.
            bool All(int c, int left)
            {
                _nodes++;
                if (left == 0)
                {
                    return Holds(f, g, e);
                }

                if (c == categories)
                {
                    return true;
                }

                var z = c / labels;
                var l = c % labels;
                var available = z < zones.Length ? zones[z].Options[_chosen[z]].Hosts[l] : e[l];
                for (var take = Math.Min(left, available); take >= 0; take--)
                {
                    if (z < zones.Length)
                    {
                        f[z][l] = take;
                    }
                    else
                    {
                        g[l] = take;
                    }

                    var ok = All(c + 1, left - take);
                    if (z < zones.Length)
                    {
                        f[z][l] = 0;
                    }
                    else
                    {
                        g[l] = 0;
                    }

                    if (!ok)
                    {
                        return false;
                    }
                }

                return true;
            }

            return All(0, failures);
        }

        private bool Holds(int[][] f, int[] g, int[] e)
        {
            _nodes += zones.Length;
            Span<int> perLabel = stackalloc int[labels];
            var all = 0;
            for (var z = 0; z < zones.Length; z++)
            {
                if (Array.TrueForAll(f[z], c => c == 0))
                {
                    continue;
                }

                var (r, sum) = zones[z].Options[_chosen[z]].Damage[Option.Key(f[z])];
                for (var l = 0; l < labels; l++)
                {
                    perLabel[l] += r[l];
                }

                all += sum;
            }

            var left = 0;
            for (var l = 0; l < labels; l++)
            {
                if (perLabel[l] > e[l] - g[l])
                {
                    return false;
                }

                left += e[l] - g[l];
            }

            return all <= left;
        }
    }
}
