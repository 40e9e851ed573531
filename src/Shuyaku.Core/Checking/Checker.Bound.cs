using Shuyaku.Core.Model;
using Shuyaku.Core.Plans;

namespace Shuyaku.Core.Checking;

/// <summary>
/// The plan's lower bound, re-derived: each recorded argument is recomputed from the estate with the checker's own
/// arithmetic (docs/plan-format.md, "The lower bound"), and the value must be the largest part plus the dedicated hosts.
/// </summary>
public static partial class Checker
{
    private const double Eps = 1e-9;

    /// <summary>Verifies every part of the plan's lower bound it can, adding a bound violation for each claim it cannot prove.</summary>
    private static BoundVerification VerifyBound(Estate estate, Plan plan, Demands demand, List<Violation> v)
    {
        var bound = plan.LowerBound;
        var verified = new List<string>();
        var unverified = new List<string>();
        var model = estate.FindModel(plan.HostModel);
        var facts = model is null ? null : new BoundFacts(estate, plan, model, demand);
        foreach (var part in bound.Parts)
        {
            var kind = part.Kind ?? (part.Reason.StartsWith("dedicated", StringComparison.Ordinal) ? "dedicated" : null);
            if (kind is "n+k-spares" or "n+k-slots" && facts is not null)
            {
                VerifySpares(plan, part, facts, slots: kind == "n+k-slots", verified, unverified, v);
                continue;
            }

            int? proven = kind switch
            {
                "dedicated" => estate.Workloads.Count(w => w.Dedicated),
                "none" => 0,
                _ when facts is null => null,
                "volume" => facts.Volume(facts.All, ResourceNamed(part.Resource), facts.Normal),
                "martello-toth-l2" => facts.MartelloTothL2(facts.All, ResourceNamed(part.Resource), facts.Normal),
                "incompatible-set" => facts.IncompatibleSet(facts.All, part.Workloads ?? [], facts.Normal),
                "largest-spread-group" => facts.Spread.Select(s => s.Length).DefaultIfEmpty(0).Max(),
                "zones" => facts.Zones(facts.Normal, part.Zones ?? []),
                "n+k" => part.Failures == plan.Inputs.Failures ? part.Failures + facts.Zones(facts.Failover, part.Zones ?? []) : 0,
                "n+k-rules" => part.Failures == plan.Inputs.Failures && part.Failures > 0 ? facts.FailoverByLabelAndZone(part.Failures.Value) : 0,
                _ => null,
            };
            if (proven is null)
            {
                unverified.Add(part.Reason);
            }
            else if (part.Hosts > proven)
            {
                v.Add(new("bound", P("check.bound.argument", (object?)BoundTexts.Of(part) ?? part.Reason, N(part.Hosts), N(proven.Value)), [], []));
            }
            else
            {
                verified.Add(part.Reason);
            }
        }

        var dedicated = bound.Parts.Where(p => (p.Kind ?? (p.Reason.StartsWith("dedicated", StringComparison.Ordinal) ? "dedicated" : "")) == "dedicated").Sum(p => p.Hosts);
        var largest = bound.Parts.Where(p => (p.Kind ?? (p.Reason.StartsWith("dedicated", StringComparison.Ordinal) ? "dedicated" : "")) != "dedicated")
            .Select(p => p.Hosts).DefaultIfEmpty(0).Max();
        if (bound.Value != largest + dedicated)
        {
            v.Add(new("bound", P(dedicated == 1 ? "check.bound.sum.one" : "check.bound.sum.other", N(bound.Value), N(largest + dedicated), N(largest), N(dedicated)), [], []));
        }

        return new BoundVerification(verified, unverified);
    }

    private static Resource ResourceNamed(string? name) => Array.IndexOf(ResourceVector.Names, name) is var i and >= 0 ? (Resource)i : (Resource)(-1);

    /// <summary>
    /// The virtualized workloads as units (joined by gather rules) with their demand, zone and rules, and the capacity of
    /// the plan's host model in normal operation (the lesser of headroom and the failover limit with N+k) and after failures.
    /// </summary>
    private sealed partial class BoundFacts
    {
        private readonly Dictionary<string, int> _unitOf = new(StringComparer.Ordinal);
        private readonly List<ResourceVector> _demand = [];
        private readonly List<List<string>> _members = [];
        private readonly List<string> _zone = [];
        private readonly Sizing.DemandModel? _aligned;
        private readonly int _allowedExcess;
        private readonly List<(int Limit, List<int> Units)> _maxPerHost = [];
        private readonly Dictionary<int, string> _fence = [];
        private readonly Dictionary<int, HashSet<string>> _bans = [];
        private readonly string?[] _label;
        private readonly int _groups;
        private readonly string[] _groupIds;

        public BoundFacts(Estate estate, Plan plan, HostModel model, Demands demand)
        {
            var policy = estate.Policy with { Failures = plan.Inputs.Failures };
            var virtualized = estate.Workloads.Where(w => !w.Dedicated).ToList();
            var root = virtualized.ToDictionary(w => w.Id, w => w.Id, StringComparer.Ordinal);
            string Root(string x) => root[x] == x ? x : root[x] = Root(root[x]);
            foreach (var g in estate.Rules.Where(r => r.Kind == RuleKind.Gather))
            {
                var ids = g.Workloads.Where(root.ContainsKey).ToList();
                foreach (var id in ids.Skip(1))
                {
                    root[Root(id)] = Root(ids[0]);
                }
            }

            var lonely = estate.Rules.Where(r => r.Kind == RuleKind.Lonely).SelectMany(r => r.Workloads).ToHashSet(StringComparer.Ordinal);
            var byRoot = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var w in virtualized)
            {
                var r = Root(w.Id);
                if (!byRoot.TryGetValue(r, out var u))
                {
                    byRoot[r] = u = _members.Count;
                    _members.Add([]);
                    _demand.Add(ResourceVector.Zero);
                    _zone.Add("");
                }

                _unitOf[w.Id] = u;
                _members[u].Add(w.Id);
                _demand[u] += demand.Of(model, w.Id);
                _zone[u] = w.Zone ?? "";
            }

            for (var u = 0; u < _members.Count; u++)
            {
                if (_members[u].Any(lonely.Contains))
                {
                    _zone[u] = "lonely " + _members[u][0];
                }
            }

            All = [.. Enumerable.Range(0, _members.Count)];
            _groups = estate.HostGroups.Count;
            _groupIds = [.. estate.HostGroups.Select(h => h.Id)];
            _label = new string?[_members.Count];
            foreach (var r in estate.Rules.Where(r => r.Kind is RuleKind.Fence or RuleKind.Ban))
            {
                foreach (var id in r.Workloads.Where(_unitOf.ContainsKey))
                {
                    var unit = _unitOf[id];
                    if (r.Kind == RuleKind.Fence)
                    {
                        _fence[unit] = r.Group!;
                    }
                    else
                    {
                        (_bans.TryGetValue(unit, out var set) ? set : _bans[unit] = new HashSet<string>(StringComparer.Ordinal)).Add(r.Group!);
                    }
                }
            }

            for (var u = 0; u < _members.Count; u++)
            {
                // The one host label a unit may run on: its fence group, or "no group" when banned from every group.
                _label[u] = _fence.TryGetValue(u, out var g) ? "group " + g
                    : _groups > 0 && _bans.TryGetValue(u, out var b) && estate.HostGroups.All(h => b.Contains(h.Id)) ? "no group" : null;
            }
            Spread = [.. estate.Rules.Where(r => r.Kind == RuleKind.Spread)
                .Select(r => r.Workloads.Where(_unitOf.ContainsKey).ToList()).Where(ids => ids.Count > 1)
                .Select(ids => ids.Select(id => _unitOf[id]).Distinct().ToArray())];
            foreach (var r in estate.Rules.Where(r => r.Kind == RuleKind.MaxPerHost))
            {
                var ids = r.AppliesToAll ? virtualized.Select(w => w.Id) : r.Workloads.Where(_unitOf.ContainsKey);
                _maxPerHost.Add((r.Limit, ids.Select(id => _unitOf[id]).ToList()));
            }

            var headroom = Arithmetic.VirtualizationCapacity(model, policy, failover: false);
            Failover = Arithmetic.VirtualizationCapacity(model, policy, failover: true);
            Normal = policy.Failures == 0 ? headroom : new ResourceVector(
                Math.Min(headroom.Cpu, Failover.Cpu), Math.Min(headroom.Memory, Failover.Memory), Math.Min(headroom.Network, Failover.Network), Math.Min(headroom.Vcpu, Failover.Vcpu));
            _aligned = demand.Aligned(model);
            if (_aligned is not null)
            {
                _allowedExcess = (int)Math.Floor(((1 - demand.Sizing.StepShare) * _aligned.Length) + 1e-9);
            }
        }

        public int[] All { get; }

        public int[][] Spread { get; }

        public ResourceVector Normal { get; }

        public ResourceVector Failover { get; }

        /// <summary>⌈summed demand ÷ capacity⌉ (at least 1 when there is a unit); CPU (and memory with memory series) under time-aligned sizing: the highest step sum.</summary>
        public int Volume(IReadOnlyList<int> units, Resource r, ResourceVector capacity)
        {
            if ((int)r < 0)
            {
                return 0;
            }

            var total = 0.0;
            if (r == Model.Resource.Cpu && _aligned is not null)
            {
                total = _allowedExcess > 0 ? 0 : _aligned.StepSums(units.SelectMany(u => _members[u])).DefaultIfEmpty(0).Max();
            }
            else if (r == Model.Resource.Memory && _aligned is { MemoryAligned: true })
            {
                // Memory may exceed at no step, whatever the step share.
                total = _aligned.MemoryStepSums(units.SelectMany(u => _members[u])).DefaultIfEmpty(0).Max();
            }
            else
            {
                foreach (var u in units)
                {
                    total += _demand[u][r];
                }
            }

            return Math.Max(units.Count > 0 ? 1 : 0, HostsFor(total, capacity[r]));
        }

        /// <summary>Martello–Toth L2 on one resource over the capacity whole demands can use; 0 where it does not hold.</summary>
        public int MartelloTothL2(IReadOnlyList<int> units, Resource r, ResourceVector capacity)
        {
            if ((int)r < 0 || (r == Model.Resource.Cpu && _aligned is not null) || (r == Model.Resource.Memory && _aligned is { MemoryAligned: true }))
            {
                return 0;
            }

            var cap = Usable(units, r, capacity[r]);
            if (cap <= 0)
            {
                return 0;
            }

            var sizes = units.Select(u => _demand[u][r] / cap).Where(s => s > Eps).ToList();
            sizes.Sort();
            if (sizes.Count == 0)
            {
                return 0;
            }

            var sum = new double[sizes.Count + 1];
            for (var i = 0; i < sizes.Count; i++)
            {
                sum[i + 1] = sum[i] + sizes[i];
            }

            var large = sizes.Count(s => s > 0.5 + Eps);
            var firstLarge = sizes.Count - large;
            var best = Math.Max(1, (int)Math.Ceiling(sum[^1] - Eps));
            var thresholds = sizes.Take(firstLarge).Distinct().Prepend(0.0);
            foreach (var t in thresholds)
            {
                // Above 1 − t: alone; in (1/2, 1 − t]: alone, with room beside; in [t, 1/2]: in that room or new hosts.
                var end = Math.Max(First(sizes, s => s > 1 - t + Eps), firstLarge);
                var roomy = end - firstLarge;
                var room = roomy - (sum[end] - sum[firstLarge]);
                var small = First(sizes, s => s >= t - Eps);
                var smallSum = small >= firstLarge ? 0 : sum[firstLarge] - sum[small];
                best = Math.Max(best, large + Math.Max(0, (int)Math.Ceiling(smallSum - room - Eps)));
            }

            return best;
        }

        /// <summary>A recorded set of units that pairwise cannot share a host, plus the volume that does not fit beside them; 0 if it is not such a set.</summary>
        public int IncompatibleSet(IReadOnlyList<int> units, IReadOnlyList<string> workloads, ResourceVector capacity)
        {
            if (_aligned is not null || workloads.Any(w => !_unitOf.ContainsKey(w)))
            {
                return 0;
            }

            var set = workloads.Select(w => _unitOf[w]).Distinct().ToList();
            if (set.Count != workloads.Count || set.Any(u => !units.Contains(u)))
            {
                return 0;
            }

            var cap = new double[ResourceVector.Dimensions];
            foreach (var r in Enum.GetValues<Resource>())
            {
                cap[(int)r] = Usable(units, r, capacity[r]);
            }

            double Share(int u, int r) => cap[r] > 0 ? _demand[u][r] / cap[r] : 0;
            for (var a = 0; a < set.Count; a++)
            {
                for (var b = a + 1; b < set.Count; b++)
                {
                    if (!Enumerable.Range(0, cap.Length).Any(r => Share(set[a], r) + Share(set[b], r) > 1 + Eps))
                    {
                        return 0;
                    }
                }
            }

            var hosts = set.Count;
            for (var r = 0; r < cap.Length; r++)
            {
                var outside = units.Sum(u => Share(u, r)) - set.Sum(u => Share(u, r));
                var room = set.Sum(u => 1 - Share(u, r));
                hosts = Math.Max(hosts, set.Count + Math.Max(0, (int)Math.Ceiling(outside - room - Eps)));
            }

            return hosts;
        }

        /// <summary>What a set of units needs alone: 1, volume and L2 per resource, the most of one spread rule, each max-per-host rule.</summary>
        private int Alone(List<int> units, ResourceVector capacity)
        {
            var inSet = units.ToHashSet();
            var need = 1;
            foreach (var r in Enum.GetValues<Resource>())
            {
                need = Math.Max(need, Math.Max(Volume(units, r, capacity), MartelloTothL2(units, r, capacity)));
            }

            need = Math.Max(need, Spread.Select(s => s.Count(inSet.Contains)).DefaultIfEmpty(0).Max());
            foreach (var (limit, counted) in _maxPerHost)
            {
                need = Math.Max(need, HostsFor(counted.Count(inSet.Contains), limit));
            }

            return need;
        }

        /// <summary>
        /// The n+k-rules argument (docs/plan-format.md): the larger of (1) k + a zone's need on F + every other zone's need on
        /// C, over zones, and (2) per host label some units are bound to, k + those units' need on F in the zone where it is
        /// largest, plus what each zone needs on C beyond the labels' hosts chosen in it.
        /// </summary>
        public int FailoverByLabelAndZone(int k)
        {
            var zones = All.GroupBy(u => _zone[u], StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
            var need = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var (zone, units) in zones)
            {
                var split = units.Where(u => _label[u] is not null).GroupBy(u => _label[u]!, StringComparer.Ordinal).Sum(g => Alone(g.ToList(), Normal));
                need[zone] = Math.Max(Alone(units, Normal), split);
            }

            var total = need.Values.Sum();
            var best = zones.Select(z => k + Alone(z.Value, Failover) + total - need[z.Key]).DefaultIfEmpty(0).Max();
            var chosen = new List<(string Label, string Zone, int Hosts)>();
            foreach (var label in All.Where(u => _label[u] is not null).GroupBy(u => _label[u]!, StringComparer.Ordinal))
            {
                chosen.Add(label.GroupBy(u => _zone[u], StringComparer.Ordinal)
                    .Select(z => (Label: label.Key, Zone: z.Key, Hosts: k + Alone(z.ToList(), Failover)))
                    .OrderByDescending(t => t.Hosts).ThenBy(t => need[t.Zone]).ThenBy(t => t.Zone, StringComparer.Ordinal).First());
            }

            if (chosen.Count > 0)
            {
                var byLabel = chosen.Sum(c => c.Hosts);
                foreach (var (zone, units) in zones)
                {
                    // Units of the zone bound to a label whose chosen zone is another need hosts of that label running this zone.
                    var elsewhere = units.Where(u => _label[u] is { } l && chosen.Any(c => c.Label == l && c.Zone != zone))
                        .GroupBy(u => _label[u]!, StringComparer.Ordinal).Sum(g => Alone(g.ToList(), Normal));
                    byLabel += Math.Max(elsewhere, need[zone] - chosen.Where(c => c.Zone == zone).Sum(c => c.Hosts));
                }

                best = Math.Max(best, byLabel);
            }

            return best;
        }

        /// <summary>Σ over zones of what each needs alone (volume, spread, max-per-host, L2, a recorded incompatible set).</summary>
        public int Zones(ResourceVector capacity, IReadOnlyList<PlanBoundZone> recorded)
        {
            var total = 0;
            foreach (var zone in All.GroupBy(u => _zone[u], StringComparer.Ordinal))
            {
                var units = zone.ToList();
                var inZone = units.ToHashSet();
                var need = 1;
                foreach (var r in Enum.GetValues<Resource>())
                {
                    need = Math.Max(need, Math.Max(Volume(units, r, capacity), MartelloTothL2(units, r, capacity)));
                }

                need = Math.Max(need, Spread.Select(s => s.Count(inZone.Contains)).DefaultIfEmpty(0).Max());
                foreach (var (limit, counted) in _maxPerHost)
                {
                    need = Math.Max(need, HostsFor(counted.Count(inZone.Contains), limit));
                }

                foreach (var z in recorded.Where(z => z.Kind == "incompatible-set" && z.Workloads is not null))
                {
                    need = Math.Max(need, IncompatibleSet(units, z.Workloads!, capacity));
                }

                total += need;
            }

            return total;
        }

        /// <summary>The capacity whole demands can use: when every demand is a whole multiple of g, the capacity rounded down to a multiple of g.</summary>
        private double Usable(IReadOnlyList<int> units, Resource r, double capacity)
        {
            long g = 0;
            foreach (var u in units)
            {
                var x = _demand[u][r];
                var whole = Math.Round(x);
                if (Math.Abs(x - whole) > 1e-9 || whole > 1e15)
                {
                    return capacity;
                }

                for (long a = g, b = (long)Math.Abs(whole); ; (a, b) = (b, a % b))
                {
                    if (b == 0)
                    {
                        g = a;
                        break;
                    }
                }
            }

            return g > 0 && capacity < 1e15 ? Math.Floor((capacity / g) + 1e-9) * g : capacity;
        }

        /// <summary>The first index of an ascending list where <paramref name="holds"/> starts to hold (the count when it never does).</summary>
        private static int First(List<double> ascending, Func<double, bool> holds)
        {
            var (lo, hi) = (0, ascending.Count);
            while (lo < hi)
            {
                var mid = lo + ((hi - lo) / 2);
                (lo, hi) = holds(ascending[mid]) ? (lo, mid) : (mid + 1, hi);
            }

            return lo;
        }

        private static int HostsFor(double amount, double capacity) =>
            amount <= 1e-9 ? 0 : capacity <= 0 ? int.MaxValue / 4 : (int)Math.Ceiling((amount / capacity) - 1e-9);
    }
}
